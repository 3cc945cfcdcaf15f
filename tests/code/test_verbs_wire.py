"""Wire phrasings of aid, concessions, cooperation, support, assaults and statements.

One sentence per pattern of the second batch of `verbs.tsv` rows (and the actor words they
needed), written for these tests: none is taken from the evaluation files. Each names the
CAMEO code (or prefix) the sentence must give and the source (and target, where the
pattern decides it) the event must carry; the confusers name what must not be coded.
"""

from __future__ import annotations

import pytest

from tests.code.conftest import code

CASES = [
    # 07 aid: deliveries, loans, grants, evacuations, asylum
    ("Poland shipped 40 howitzers to Ukraine in March.", "POLGOV", "UKRGOV", "072"),
    ("Turkish helicopters evacuated 60 injured civilians from Syria.", "TUR", None, "073"),
    ("Japan announced 30 million dollars in emergency aid to Haiti.", "JPNGOV", "HTIGOV", "073"),
    ("The World Food Programme distributed rations to Sudanese refugees in Chad.", "IGOUNOWFP",
     "REF", "073"),
    ("Saudi Arabia handed Egypt a $2 billion grant on Sunday.", "SAUGOV", "EGYGOV", "071"),
    ("Mexico dispatched a rescue team to Ecuador after the landslide.", "MEXGOV", "ECUGOV", "073"),
    ("Qatar sent two field hospitals to Lebanon.", "QATGOV", "LBNGOV", "073"),
    ("Iran supplied the Houthis with drones and missiles.", "IRNGOV", "YEMREB", "072"),
    ("Vietnam provided 3,000 tonnes of rice to Cuba.", "VNMGOV", "CUBGOV", "073"),
    ("Spain delivered generators and tents to Morocco after the quake.", "ESPGOV", "MARGOV",
     "07"),
    ("Chile rushed emergency aid to Peru after the floods.", "CHLGOV", "PERGOV", "07"),
    ("Qatar opened a field hospital for Sudanese refugees in Chad.", "QATGOV", "REF", "073"),
    ("The Emirates deposited $1 billion with Egypt's central bank.", "AREGOV", "EGYGOV", "071"),
    ("China rolled over a $2 billion loan to Pakistan.", "CHNGOV", "PAKGOV", "071"),
    ("Japan will give Malaysia three patrol vessels.", "JPNGOV", "MYSGOV", "03"),
    ("Kuwait financed the salaries of Jordanian teachers.", "KWTGOV", "JOR", "071"),
    ("China gifted 20 buses to Nepal.", "CHNGOV", "NPLGOV", "070"),
    ("Norway earmarked 40 million dollars for Somalia's police.", "NORGOV", "SOMCOP", "071"),
    ("The European Union released 200 million euros for Jordan.", "IGOEUR", "JORGOV", "071"),
    ("Poland granted temporary protection to Belarusian dissidents.", "POLGOV", "BLROPP", "075"),
    ("Turkey built a hospital for Palestinians in Gaza.", "TURGOV", "PSE", "073"),
    ("Korea granted Laos $80 million in development assistance.", "KORGOV", "LAOGOV", "071"),
    ("Qatar wired $150 million to Syria's central bank.", "QATGOV", "SYRGOV", "071"),
    ("The EU unveiled a new aid package for Moldova.", "IGOEUR", "MDAGOV", "070"),
    ("Egypt shipped 5,000 tonnes of flour to Sudan.", "EGYGOV", "SDNGOV", "073"),
    ("France trained 500 Ukrainian recruits in Normandy.", "FRAGOV", "UKR", "062"),
    ("Kuwait paid for fuel shipments to Yemen.", "KWTGOV", "YEMGOV", "070"),
    ("Russia supplied the Sudanese army with rockets.", "RUSGOV", "SDNMIL", "072"),
    ("The Azerbaijani army handed the bodies of three Armenian soldiers to Armenia.", "AZE",
     "ARMGOV", "0841"),
    ("Poland took delivery of the second batch of K2 tanks from South Korea.", "KORGOV",
     "POLGOV", "072"),
    ("The Kenyan army took delivery of armoured vehicles from the United States.", "USAGOV",
     "KENMIL", "072"),
    ("A Turkish rescue team arrived in Morocco to search for survivors of the quake.",
     "TURGOV", "MARGOV", "073"),
    ("A Chinese medical team flew to Vanuatu after the earthquake.", "CHNGOV", "VUTGOV", "073"),
    # nouns of the new verbs (nominalisations.tsv)
    ("Armenia and Azerbaijan carried out a prisoner exchange on Monday.", "ARMGOV", "AZEGOV",
     "0841"),
    ("The World Bank announced the disbursement of $300 million to Kenya.", "IGOWBK", "KENGOV",
     "071"),
    ("Canada began an airlift of aid to Haiti.", "CANGOV", "HTIGOV", "073"),
    # 08 yield
    ("Ecuador's government allowed the opposition party to register candidates.", "ECUGOV",
     None, "0812"),
    ("Chile's senate dropped a contested clause from the security bill.", "CHLLEG", None, "0832"),
    ("Peru's government backtracked on the mining concession.", "PERGOV", None, "0832"),
    ("Colombia's government caved in after a week of roadblocks.", "COLGOV", None, "080"),
    ("The Thai government bowed to the farmers on Monday.", "THAGOV", None, "080"),
    ("The Nigerian government climbed down over the fuel subsidy.", "NGAGOV", None, "080"),
    ("Uganda's government granted a licence to an opposition newspaper.", "UGAGOV", None, "0811"),
    ("Ghana's president reversed a decree on small-scale mining.", "GHAGOV", None, "0832"),
    ("Tanzania reinstated the opposition leader as a candidate.", "TZAGOV", None, "0812"),
    ("Sudan's army handed two towns back to the civilian administration.", "SDNMIL", None, "084"),
    ("Germany returned 20 bronzes to Cameroon.", "DEUGOV", "CMRGOV", "0842"),
    ("Kenya dropped charges against 30 students arrested at the protest.", "KENGOV", None, "081"),
    ("Sri Lanka's government gave in to the nurses on Friday.", "LKAGOV", None, "080"),
    # 06 material cooperation
    ("Kenya and Tanzania deployed joint patrols along their border.", "KENGOV", "TZAGOV", "062"),
    ("Indian and French navies wrapped up joint drills in the Arabian Sea.", "IND", "FRA", "062"),
    ("Egypt and Greece concluded joint air exercises on Thursday.", "EGYMIL", "GRCMIL", "062"),
    ("Senegal and Mauritania set up a joint gas fund.", "SENGOV", "MRTGOV", "061"),
    ("Japan and India renewed their currency swap.", "JPNGOV", "INDGOV", "061"),
    ("Lithuania and Poland linked their power grids.", "LTUGOV", "POLGOV", "061"),
    ("Spain sent three fugitives to France on Friday.", "ESPGOV", "FRAGOV", "063"),
    ("Thailand deported two suspects to South Korea.", "THAGOV", "KORGOV", "063"),
    ("British intelligence tipped off Italian police about the plot.", "GBRSPY", "ITACOP", "064"),
    ("Ecuador handed over two gang figures to Colombia.", "ECUGOV", "COLGOV", "063"),
    ("The Vietnamese and Philippine coast guards held joint drills.", "VNMMIL", "PHLMIL", "062"),
    # 05 diplomatic cooperation
    ("Bolivia expressed solidarity with Venezuela on Monday.", "BOLGOV", "VENGOV", "051"),
    ("Russia defended Iran's government at the Security Council.", "RUSGOV", "IRNGOV", "052"),
    ("Brazil threw its weight behind South Africa's candidate.", "BRAGOV", "ZAFGOV", "051"),
    ("Germany gave its backing to Poland's plan.", "DEUGOV", "POLGOV", "051"),
    ("Portugal signed on to Spain's proposal.", "PRTGOV", "ESPGOV", "051"),
    ("Japan lent its support to the Philippines.", "JPNGOV", "PHLGOV", "051"),
    ("The Pope praised Colombia's peace efforts.", "VATGOV", "COLGOV", "051"),
    ("Egypt's mediation drew praise from Qatar.", "QATGOV", "EGYGOV", "051"),
    ("Senegal won backing from the African Union for its candidate.", "IGOAFU", "SENGOV", "051"),
    # 18-20 violence
    ("Gunmen killed 9 worshippers at a mosque in Niger.", "CRM", "NERCVL", "18"),
    ("Militants killed at least 14 in northern Mozambique.", "REB", None, "18"),
    ("Gang members burned down a police station in Honduras.", "HNDCRM", "HNDCOP", "1712"),
    ("Russian bombers struck Ukrainian positions overnight.", "RUSMIL", "UKRMIL", "19"),
    ("Syrian troops dropped chlorine on rebel-held villages.", "SYRMIL", None, "2041"),
    ("Jihadists besieged the Malian town for a month.", "REB", None, "191"),
    # 01 statements and 02 appeals
    ("The Kremlin had no comment on the report.", "RUSGOV", None, "011"),
    ("The White House had no immediate response.", "USAGOV", None, "011"),
    ("The Egyptian government declined to say when the crossing would reopen.", "EGYGOV", None,
     "011"),
    ("Iran's foreign ministry refused to be drawn on the talks.", "IRNGOV", None, "011"),
    ("Turkey declared a week of national mourning.", "TURGOV", None, "017"),
    ("Peru mourned the victims of the landslide.", "PERGOV", None, "018"),
    ("Egypt is weighing an invitation to the summit.", "EGYGOV", None, "014"),
    ("Canada is weighing whether to join the mission.", "CANGOV", None, "014"),
    ("Senegal said it was reviewing its fishing agreement with the EU.", "SENGOV", None, "014"),
    ("Boko Haram claimed the attack on the army base.", "NGAREB", None, "015"),
    ("The Chilean foreign minister made a statement on the crisis.", "CHLGOV", None, "010"),
    ("The UN warned that famine was looming in Gaza.", "IGOUNO", None, "012"),
    ("The Brazilian president acknowledged that the government had mishandled the floods.",
     "BRAGOV", None, "015"),
    ("Ghana's government welcomed the progress in the talks.", "GHAGOV", None, "013"),
    ("The Chinese army released footage of the drills.", "CHNMIL", None, "010"),
    ("Turkey renewed its call for a ceasefire in Gaza.", "TURGOV", None, "02"),
    ("The Bolivian government allowed the teachers' association to register.", "BOLGOV", None,
     "0811"),
    ("Peru's government gave up on its plan to raise fuel taxes.", "PERGOV", None, "0832"),
    ("Japanese and Indian troops trained together in Rajasthan.", "JPNMIL", "INDMIL", "062"),
    ("Turkey handed a wanted Swedish militant to Stockholm.", "TURGOV", None, "063"),
    ("Serbia's president lavished praise on Russia.", "SRBGOV", "RUSGOV", "051"),
    ("Armenia's prime minister heaped praise on France.", "ARMGOV", "FRAGOV", "051"),
    ("Cuba's president spoke out in support of Venezuela.", "CUBGOV", "VENGOV", "05"),
    ("Militants set fire to homes in a village in Burkina Faso.", "REB", None, "1712"),
    ("Russian forces shelled a hospital in Kherson.", "RUSMIL", None, "194"),
    ("Sudanese soldiers tortured two detainees in Darfur.", "SDNMIL", None, "1822"),
    ("Egypt said it was studying the proposal.", "EGYGOV", None, "014"),
    ("North Korean troops marched in a parade in Pyongyang.", "PRKMIL", None, "150"),
    ("Hezbollah launched rockets at Israel on Sunday.", "LBNREB", "ISRGOV", "195"),
    ("Ukrainian drones hit a Russian warship near Novorossiysk.", "UKRMIL", "RUSMIL", "190"),
    ("The Pakistani air force bombed militant hideouts near the border.", "PAKMIL", None, "195"),
    ("Israeli troops raided a village near Nablus.", "ISRMIL", None, "190"),
    ("Chile's foreign ministry said it was analysing the Bolivian proposal.", "CHLGOV", None, "014"),
    ("Canada is reviewing its arms exports to Saudi Arabia.", "CANGOV", None, "014"),
    ("Indonesia is mulling a ban on palm oil exports.", "IDNGOV", None, "014"),
    ("The Nigerian army accepted responsibility for the drone strike.", "NGAMIL", None, "015"),
    ("Egypt's president described Saudi Arabia as a strategic partner.", "EGYGOV", "SAUGOV", "051"),
    ("China called Cambodia an ironclad friend.", "CHNGOV", "KHMGOV", "051"),
    ("Russia vouched for the Syrian government.", "RUSGOV", "SYRGOV", "052"),
    ("The Sudanese army opened a humanitarian passage to the city.", "SDNMIL", None, "0863"),
    ("Tunisia's government released the jailed opposition lawyer.", "TUNGOV", None, "0841"),
    ("Kenya's government agreed to the doctors' demands.", "KENGOV", None, "0832"),
    ("Guinea's military returned power to civilians.", "GINMIL", None, "0833"),
    ("Bolivia's government suspended the evictions of coca growers.", "BOLGOV", None, "0832"),
    ("Canada committed 500 million dollars in aid to Haiti.", "CANGOV", "HTIGOV", "033"),
    ("Qatar poured billions of dollars into Turkey.", "QATGOV", "TURGOV", "071"),
    ("Israel and Bahrain exchanged ambassadors on Monday.", "ISRGOV", "BHRGOV", "050"),
    # a state's feelings said as adjectives or passives: comments, with nobody as target
    ("Norway said it was deeply concerned about the detention of the aid workers.", "NORGOV",
     None, "012"),
    ("Brazil is alarmed by the fighting near its border, the foreign ministry said.", "BRAGOV",
     None, "012"),
    ("The Kenyan government said it was encouraged by the progress of the talks.", "KENGOV",
     None, "013"),
    ("Colombia was encouraged by Washington to extradite the suspect.", "USAGOV", "COLGOV",
     "02"),
    # look-alikes of threats, protests and retreats, coded as what they are
    ("Kenyan nurses threatened to strike over unpaid wages.", "KENCVL", None, "133"),
    ("Teachers in Peru struck for a second week.", "PER", None, "143"),
    ("Russia protested the expulsion of its diplomats from Latvia.", "RUSGOV", None, "114"),
    ("North Korea demonstrated a new cruise missile.", "PRKGOV", None, "150"),
    ("Canada boycotted the summit in Caracas.", "CANGOV", None, "125"),
    ("Russia pulled its delegation out of the talks in Geneva.", "RUSGOV", None, "164"),
    ("China cautioned South Korea against joining the missile shield.", "CHNGOV", "KORGOV", "130"),
    ("Mexico threatened legal action against the United States.", "MEXGOV", "USAGOV", "130"),
]


@pytest.mark.parametrize(("text", "source", "target", "cameo"), CASES,
                         ids=[c[3] + ":" + c[0][:40] for c in CASES])
def test_a_wire_phrasing_is_coded(text, source, target, cameo):
    events = code(text, date="2026-05-11")
    got = [(e.source.code, e.target.code if e.target else None, e.cameo) for e in events]
    assert any(c.startswith(cameo) and source in s
               and (target is None or (t is not None and target in t))
               for s, t, c in got), f"{text!r}: wanted {source} -> {target} {cameo}, got {got}"


@pytest.mark.parametrize(("text", "unwanted"), [
    ("The navy released a video of the rebel fighters.", "08"),
    ("The ministry released the names of the victims.", "08"),
    ("The airline warned travellers of delays because of the storm.", "13"),
    ("Egypt's government warned of a shortage of bread.", "13"),
    ("Venezuela expressed solidarity with Cuba.", "018"),
    ("The Philippines deported five suspects to Japan.", "174"),
    ("Troops marched in a parade in Hanoi.", "14"),
    ("Mexico threatened legal action against the United States.", "138"),
    ("The Turkish foreign minister arrived in Cairo for talks.", "07"),
    ("France warned its citizens against travelling to Mali.", "13"),
    ("The mining company said it was pleased to announce a new contract.", "01"),
    ("The talks concerned fishing rights off Senegal.", "01"),
])
def test_a_confuser_is_not_coded_as(text, unwanted):
    codes = [e.cameo for e in code(text, date="2026-05-11")]
    assert not any(c.startswith(unwanted) for c in codes), codes
