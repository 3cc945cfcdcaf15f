"""What negation and modality do to a CAMEO code.

Negated cooperation is refusal: "will not permit the presence of U.S. forces" is REJECT
(1212, rejecting military cooperation), never a cooperation event. Negated conflict
("did not attack") is no event at all, unless the caller keeps negated events. A future,
planned or proposed cooperation is an intent (03x); a threatened or planned conflict a
threat (13x), except mobilisation (15x), which keeps its code and its modality.
"""

from __future__ import annotations

from dataclasses import dataclass

# Negated cooperation -> the rejection of that kind of cooperation (CAMEO 12x).
NEGATED_COOPERATION = {
    "03": "120", "030": "120", "031": "125", "0311": "1211", "0312": "1212", "032": "120",
    "033": "121", "0331": "1211", "0332": "1212", "034": "123", "035": "124", "036": "125",
    "037": "125", "038": "120", "039": "125",
    "04": "125", "040": "125", "041": "125", "042": "125", "043": "125", "044": "125",
    "045": "125", "046": "125",
    "05": "120", "050": "120", "051": "120", "052": "120", "053": "120", "054": "120",
    "055": "120", "056": "120", "057": "127",
    "06": "121", "060": "121", "061": "1211", "062": "1212", "063": "1212", "064": "121",
    "07": "122", "070": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "075": "1221",
    "08": "124", "080": "124", "081": "1241", "0811": "1241", "0812": "1241", "0813": "1241",
    "0814": "1241", "082": "124", "083": "1243", "0831": "1243", "0832": "1243",
    "0833": "1243", "0834": "1243", "084": "1244", "0841": "1244", "0842": "1244",
    "085": "1245", "086": "124", "0861": "1212", "0862": "124", "0863": "1222", "087": "1246",
    "0871": "1246", "0872": "1246", "0873": "1246", "0874": "1246",
}
# Future, planned or proposed cooperation -> intent to cooperate (CAMEO 03x).
INTENT = {
    "04": "036", "05": "030", "051": "030", "052": "030", "057": "030", "045": "039",
    "06": "031", "060": "031", "061": "0311", "062": "0312", "063": "0312", "064": "0313",
    "07": "033", "070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "080": "035", "081": "0351", "0811": "0351", "0812": "0351",
    "0813": "0351", "0814": "0351", "082": "0352", "083": "0353", "084": "0354",
    "085": "0355", "086": "0356", "0861": "0356",
}
# Threatened or planned conflict -> threat (CAMEO 13x).
THREAT = {
    "14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
    "165": "135", "166": "136",
    "17": "132", "171": "132", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323",
    "1724": "1324", "173": "132", "174": "132", "175": "137",
    "18": "1383", "180": "1383", "181": "1383", "182": "1383", "183": "1383", "184": "1383",
    "185": "1383", "186": "1383",
    "19": "1384", "190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384",
    "195": "1384", "196": "1384",
    "20": "1385", "200": "1385", "201": "1385", "202": "1385", "203": "1385", "204": "1385",
}
MILITARY_WORDS = {"military", "troops", "forces", "soldiers", "army", "navy", "base", "bases",
                  "deployment", "intervention", "presence", "marines", "warships", "operation",
                  "attack", "attacks"}
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}
CONFLICT_ROOTS = {"10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}


@dataclass
class Outcome:
    cameo: str | None  # None: no event
    negated: bool
    modality: str
    rule: str | None = None  # the polarity rule that changed the code, if one did


def _lookup(table: dict[str, str], code: str) -> str | None:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def apply(cameo: str, negated: bool, modality: str, military: bool = False,
          governor_class: str | None = None, keep_negated: bool = False,
          refusal: bool = True) -> Outcome:
    """The code an event carries once negation and modality are taken into account.

    `refusal`: the negation refuses ("will not permit", "refused to"), rather than
    reports that something did not happen ("did not sign"), which is no event.
    """
    root = cameo[:2]
    if negated and modality == "denied":
        return Outcome(cameo if keep_negated else None, True, "denied", "denied")
    if negated:
        if root in COOPERATION_ROOTS and refusal:
            new = _lookup(NEGATED_COOPERATION, cameo) or "120"
            if military and new[:3] in ("120", "121", "124", "125"):
                new = "1212"
            return Outcome(new, False, modality, "negated-cooperation")
        if cameo[:3] == "154" and refusal:
            # "we will not send a single soldier to Ukraine": military help refused
            return Outcome("1212", False, modality, "negated-cooperation")
        if cameo == "010":
            # "the Pentagon would not (or did not) comment on reports": declining (011)
            return Outcome("011", False, "asserted", "declined-comment")
        if root in ("01", "02"):
            return Outcome(cameo if keep_negated else None, True, modality, "negated")
        if root == "12" or root == "16":
            # Refusing to reject is rare and murky; not refusing to cut ties is no event.
            return Outcome(cameo if keep_negated else None, True, modality, "negated")
        return Outcome(cameo if keep_negated else None, True, modality, "negated")
    if governor_class == "threat" and root in CONFLICT_ROOTS and root not in ("13", "15"):
        return Outcome(_lookup(THREAT, cameo) or "130", False, "future", "threat")
    if modality in ("future", "proposed", "hypothetical") and root in COOPERATION_ROOTS:
        return Outcome(_lookup(INTENT, cameo) or cameo, False, modality, "intent")
    if modality in ("future", "proposed", "hypothetical") \
            and root in CONFLICT_ROOTS - {"10", "11", "12", "13", "15"}:
        return Outcome(_lookup(THREAT, cameo) or "130", False, modality, "threat")
    return Outcome(cameo, False, modality)
