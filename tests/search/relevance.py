"""The relevance set: searches as worried visitors type them, over the demo articles
(articles/demo/content.py), each with the articles that count as a right answer.

Written from the articles and from how people ask (hurried, misspelt, brand and
street names, whole questions), not from how the search works. A query is a hit
when a right article is among the first three results.
"""

KLONOPIN = "how-does-klonopin-work"
XANAX = "what-is-xanax-withdrawal-like"
FENTANYL = "how-fentanyl-differs-from-other-opioids"
NALOXONE = "what-naloxone-does-and-how-to-use-it"
METH = "how-methamphetamine-affects-the-brain"
COCAINE = "cocaine-and-the-heart"
ALCOHOL_WITHDRAWAL = "alcohol-withdrawal-why-quitting-cold-turkey-can-be-dangerous"
HEAVY_DRINKING = "how-much-is-too-much-understanding-heavy-drinking"
DETOX = "what-happens-during-medical-detox"
MOUD = "medications-for-opioid-use-disorder"

BENZOS = {KLONOPIN, XANAX}
OPIOIDS = {FENTANYL, NALOXONE, MOUD}

# (kind, query, right answers)
QUERIES = [
    # One word, spelt right
    ("one word", "klonopin", {KLONOPIN}),
    ("one word", "fentanyl", {FENTANYL}),
    ("one word", "detox", {DETOX}),
    ("one word", "narcan", {NALOXONE}),
    ("one word", "meth", {METH}),
    ("one word", "suboxone", {MOUD}),
    # Misspelt
    ("typo", "klonipin", {KLONOPIN}),
    ("typo", "klonapin", {KLONOPIN}),
    ("typo", "zanax", {XANAX}),
    ("typo", "xanax withdrawl", {XANAX}),
    ("typo", "fentanil", {FENTANYL}),
    ("typo", "fetanyl overdose", {FENTANYL, NALOXONE}),
    ("typo", "naloxon", {NALOXONE}),
    ("typo", "narcon spray", {NALOXONE}),
    ("typo", "methamphetamin", {METH}),
    ("typo", "cocain chest pain", {COCAINE}),
    ("typo", "sobuxone", {MOUD}),
    ("typo", "alchohol withdrawal", {ALCOHOL_WITHDRAWAL}),
    ("typo", "detocks", {DETOX}),
    # Generic names
    ("generic", "clonazepam", {KLONOPIN}),
    ("generic", "alprazolam", {XANAX}),
    ("generic", "buprenorphine", {MOUD}),
    ("generic", "naltrexone shot", {MOUD}),
    # Brand names, including ones the articles never use
    ("brand", "valium", BENZOS),
    ("brand", "ativan withdrawal", BENZOS),
    ("brand", "subutex", {MOUD}),
    ("brand", "vivitrol", {MOUD}),
    ("brand", "oxycontin", OPIOIDS),
    ("brand", "percocet addiction", OPIOIDS),
    ("brand", "antabuse", {ALCOHOL_WITHDRAWAL}),
    # Street names and slang
    ("street", "k pins", {KLONOPIN}),
    ("street", "xanax bars", {XANAX}),
    ("street", "benzos", BENZOS),
    ("street", "coke", {COCAINE}),
    ("street", "crack", {COCAINE}),
    ("street", "crystal meth", {METH}),
    ("street", "ice drug", {METH}),
    ("street", "china white", {FENTANYL}),
    ("street", "dope sick", {MOUD, DETOX}),
    ("street", "booze", {HEAVY_DRINKING, ALCOHOL_WITHDRAWAL}),
    ("street", "the dts", {ALCOHOL_WITHDRAWAL}),
    ("street", "percs", OPIOIDS),
    # Questions and long queries
    ("question", "how long does klonopin stay in your system", {KLONOPIN}),
    ("question", "klonopin and alcohol", {KLONOPIN}),
    ("question", "what does xanax withdrawal feel like", {XANAX}),
    ("question", "is it safe to stop taking benzos on my own", BENZOS),
    ("question", "how do i use narcan", {NALOXONE}),
    ("question", "what to do if someone is overdosing", {NALOXONE, FENTANYL}),
    ("question", "signs of an opioid overdose", {NALOXONE, FENTANYL}),
    ("question", "can cocaine cause a heart attack", {COCAINE}),
    ("question", "is it dangerous to quit drinking cold turkey", {ALCOHOL_WITHDRAWAL}),
    ("question", "how many drinks a week is too much", {HEAVY_DRINKING}),
    ("question", "am i an alcoholic", {HEAVY_DRINKING}),
    ("question", "what happens in detox", {DETOX}),
    ("question", "does meth damage your brain", {METH}),
    ("question", "help my son is using meth", {METH}),
    ("question", "is methadone just replacing one drug with another", {MOUD}),
    ("question", "why is fentanyl so dangerous", {FENTANYL}),
    (
        "long",
        "my boyfriend has been taking xanax every day for a year and wants to stop",
        {XANAX},
    ),
    ("long", "shaking and sweating the morning after drinking", {ALCOHOL_WITHDRAWAL}),
    # Written after the first round (the 60 above), before looking at any result.
    ("one word", "rehab", {DETOX}),
    ("one word", "xylazine", {FENTANYL, NALOXONE}),
    ("typo", "suboxne", {MOUD}),
    ("typo", "methodone", {MOUD}),
    ("typo", "cocane", {COCAINE}),
    ("typo", "alcahol withdrawel", {ALCOHOL_WITHDRAWAL}),
    ("generic", "lorazepam taper", BENZOS),
    ("brand", "dilaudid", OPIOIDS),
    ("brand", "adderall", {METH, COCAINE}),
    ("brand", "vyvanse addiction", {METH, COCAINE}),
    ("street", "oxys", OPIOIDS),
    ("street", "tranq", {FENTANYL, NALOXONE}),
    ("street", "tweaking", {METH}),
    ("question", "klonopin withdrawal symptoms", {KLONOPIN}),
    ("question", "can you overdose on xanax", BENZOS),
    ("question", "mixing xanax and alcohol", BENZOS),
    ("question", "where can i get narcan for free", {NALOXONE}),
    ("question", "do i need a prescription for naloxone", {NALOXONE}),
    ("question", "fentanyl test strips", {FENTANYL}),
    ("question", "are fake pills dangerous", {FENTANYL}),
    ("question", "heroin withdrawal", {MOUD, DETOX}),
    ("question", "methadone vs suboxone", {MOUD}),
    ("question", "pregnant and using opioids", {MOUD}),
    ("question", "what should i bring to detox", {DETOX}),
    ("question", "coke and alcohol together", {COCAINE}),
    ("question", "meth psychosis", {METH}),
    ("question", "feels like bugs crawling under my skin", {METH}),
    ("question", "what is a standard drink", {HEAVY_DRINKING}),
    ("question", "binge drinking how many drinks", {HEAVY_DRINKING}),
    ("question", "can alcohol withdrawal cause seizures", {ALCOHOL_WITHDRAWAL}),
    ("question", "klonopin for panic attacks", {KLONOPIN}),
    ("question", "opiate detox at home", {DETOX, MOUD}),
    ("question", "naltrexone for alcohol", {ALCOHOL_WITHDRAWAL, MOUD}),
    ("question", "what is moud", {MOUD}),
    ("question", "what are pinpoint pupils", {NALOXONE, FENTANYL}),
    (
        "long",
        "my friend took some pills and is not breathing right and i cant wake him",
        {NALOXONE, FENTANYL, KLONOPIN},
    ),
]
