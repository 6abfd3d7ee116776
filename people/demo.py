"""Demo profiles: an author and a medical reviewer.

Plain data, loaded by `load_demo_content`. The people are invented; every profile
says so in its first words, so the centre replaces them with its own staff (or
deletes them) before the site goes live.
"""

SAMPLE_NOTE = (
    "Sample profile for the demo site: this person is invented. Replace the name, "
    "credentials, licence and these words with a real member of staff, or delete the "
    "profile, before the site goes live."
)

AUTHOR = {
    "slug": "alex-morgan",
    "name": "Alex Morgan",
    "credentials": "LCSW",
    "job_title": "Clinical social worker and staff writer",
    "licence": "Sample: Licensed Clinical Social Worker (state and number go here)",
    "bio": SAMPLE_NOTE
    + "\n\nAlex has worked with people in early recovery and their families for over ten "
    "years, in detox, residential and outpatient programmes. Alex writes our guides so "
    "that the first thing a frightened reader finds is a clear, kind answer.",
}

REVIEWER = {
    "slug": "dana-reyes",
    "name": "Dana Reyes",
    "credentials": "MD, FASAM",
    "job_title": "Medical director",
    "licence": "Sample: Board certified in Addiction Medicine (American Board of "
    "Preventive Medicine)",
    "bio": SAMPLE_NOTE
    + "\n\nDr. Reyes leads the medical team: supervised withdrawal, medications for "
    "addiction treatment and the care of the conditions that often come with it. She "
    "checks every health article on this site against current clinical guidance.",
}

# How many days before loading the demo articles were last medically reviewed.
REVIEWED_DAYS_AGO = 20
