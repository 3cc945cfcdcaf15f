"""A small news corpus for the dashboard tests: Mexico-US security over three months,
a few other dyads for the overview, and stories whose titles and text carry markup."""

from __future__ import annotations

SCRIPT_TITLE = "<script>window.__pwned = 1</script>Border talks"
IMG_TEXT = '<img src=x onerror="window.__pwned = 2">'

# (date, outlet, title, text)
STORIES: list[tuple[str, str, str, str]] = [
    ("2025-01-06", "Daily Wire Service", "Mexico and US agree to cooperate",
     ("Mexico agreed to cooperate with the United States on border security. "
     "The United States praised Mexico for its efforts.")),
    ("2025-01-08", "Border Times", "Washington offers aid",
     ("The United States promised economic aid to Mexico. "
     "Mexico welcomed the offer from Washington.")),
    ("2025-01-15", "Daily Wire Service", "Officials meet in Mexico City",
     ("Mexican officials met with American diplomats in Mexico City. "
     "The United States praised Mexico for its cooperation.")),
    ("2025-01-22", "Border Times", "Talks continue",
     "Mexico agreed to cooperate with the United States on drug trafficking."),
    ("2025-02-03", "Daily Wire Service", "Tariff threat",
     ("The United States threatened Mexico with tariffs. "
     "Mexico rejected the US proposal on migration.")),
    ("2025-02-05", "Border Times", "Mexico rejects plan",
     ("Mexico rejected the US proposal on Tuesday. "
     "The United States accused Mexico of failing to stop drug trafficking.")),
    ("2025-02-05", "Gulf Herald", "Mexico says no",
     "Mexico rejected the US proposal on Tuesday."),
    ("2025-02-12", "Gulf Herald", SCRIPT_TITLE,
     "Mexico criticized the United States over the tariffs. " + IMG_TEXT + " "
     "The United States threatened Mexico with sanctions."),
    ("2025-02-19", "Daily Wire Service", "Troops sent",
     ("The United States accused Mexico of failing to stop drug trafficking. "
     "Mexico condemned the United States for the threats.")),
    ("2025-03-03", "Border Times", "Relations cool",
     ("Mexico criticized the United States over the new tariffs. "
     "The United States threatened Mexico with new tariffs.")),
    ("2025-03-10", "Daily Wire Service", "Diplomats talk again",
     ("Mexico agreed to cooperate with the United States on migration. "
     "The United States praised Mexico for the agreement.")),
    ("2025-01-10", "Eastern Post", "Moscow and Kyiv",
     "Russia accused Ukraine of shelling. Ukraine condemned Russia for the attack."),
    ("2025-03-05", "Eastern Post", "Moscow and Kyiv talk",
     ("Russia agreed to cooperate with Ukraine on prisoner exchanges. "
     "Ukraine praised Russia for the exchange.")),
    ("2025-03-06", "Asia Daily", "Beijing and Washington",
     ("China threatened the United States with sanctions. "
     "The United States accused China of unfair trade.")),
]
