"""Demo pages: About, Privacy notice and Accessibility statement.

Plain data, loaded by `load_demo_content`. Each page opens with a visible note that
it is sample text: the centre must review it (the privacy notice with whoever
advises it on privacy law) before the site goes live. Written for this project.
"""

SAMPLE_NOTE = (
    "<blockquote><p><strong>Sample text for the centre to review.</strong> This page was "
    "written for the demo site. Check every sentence against how the centre really works, "
    "change what differs, and remove this note before the site goes live.</p></blockquote>"
)

PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "role": "",
        "summary": (
            "Who we are, what kinds of care we offer for drug and alcohol use, and how to take "
            "the first step with us."
        ),
        "body": SAMPLE_NOTE
        + """
<h2>Who we are</h2>
<p>We are a treatment centre for adults whose lives have been caught up in drug or alcohol
use, and for the families who love them. Our doctors, nurses, counsellors and peer
support staff have helped thousands of people get through withdrawal safely and build a
life they want to keep.</p>
<p>Many of us have our own experience of addiction or of loving someone through it. We
know how hard it is to reach out, and we will never judge you for it.</p>
<h2>What we offer</h2>
<ul>
<li><strong>Medically supervised detox</strong>, so that withdrawal is as safe and as
comfortable as it can be.</li>
<li><strong>Residential and outpatient programmes</strong>, planned around your health,
your work and your family.</li>
<li><strong>Medication for addiction treatment</strong>, such as buprenorphine or
naltrexone, where it helps.</li>
<li><strong>Counselling</strong>, one to one and in groups, including care for anxiety,
depression and trauma.</li>
<li><strong>Family support</strong> and <strong>aftercare</strong>, because recovery
continues long after a programme ends.</li>
</ul>
<h2>How to start</h2>
<p>Call us at any hour, or <a href="/call-back/">ask us to call you back</a> at a time that
suits you. The first conversation is free and confidential: we listen, answer your
questions about treatment and insurance, and help you decide what comes next. You do not
have to have everything figured out before you call.</p>
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "role": "privacy",
        "summary": (
            "What this website collects when you ask for a call back, who sees it, how long "
            "we keep it, and what it never does."
        ),
        "body": SAMPLE_NOTE
        + """
<p>This sample describes how this website handles information. A treatment centre may have
duties under health privacy law (in the United States, HIPAA and 42 CFR Part 2): the centre
must check this notice with whoever advises it on those duties.</p>
<h2>When you read the site</h2>
<p>You can read every page without telling us who you are. The site uses no advertising,
no analytics service and no tracking from other companies, and no other website learns
what you read here. Share buttons are plain links that do nothing until you choose to
share.</p>
<p>Our web server keeps short technical records (such as the time of a request and the
address it came from) to keep the site working and secure. They are not used to identify
readers.</p>
<h2>When you ask for a call back</h2>
<p>The call-back form asks for your name, a phone number, the best time to call and, if you
wish, a message. We also note that you agreed to be called or texted, when, and which page
you sent the form from.</p>
<p>Only our intake team can see what you send. They use it to call you back about
treatment, and for nothing else. We never sell it or share it for marketing. The email
that tells our team about a new request does not contain your message.</p>
<h2>How long we keep it</h2>
<p>Requests that are closed, or that were sent by automated programs, are deleted after a
set period (180 days unless the centre has chosen another). If you become a patient, your
care is recorded in your health record, which is covered by the centre's notice of
privacy practices.</p>
<h2>Your choices</h2>
<p>You can ask us what we hold about you, ask us to correct it, or ask us to delete a
request you sent. Call us, or ask for a call back and say so in your message.</p>
""",
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "role": "accessibility",
        "summary": (
            "How we make this site usable for everyone, what we know still needs work, and how "
            "to tell us about a problem."
        ),
        "body": SAMPLE_NOTE
        + """
<h2>Our aim</h2>
<p>Everyone should be able to find help on this site, whatever device they use and however
they use it. We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level
AA.</p>
<h2>What we do</h2>
<ul>
<li>Pages work on small phones, with large text, and when zoomed to 200 percent.</li>
<li>Everything can be reached with a keyboard, and the focus is always visible.</li>
<li>Pages are built so that screen readers announce headings, links and form errors
clearly.</li>
<li>Images have text descriptions; we write in plain language.</li>
<li>The phone number and the call-back form are on every page, and the form keeps what
you typed if something needs correcting.</li>
</ul>
<h2>What still needs work</h2>
<p>Some older articles may have images with descriptions that could be better, and some
documents from other organisations that we link to may not be accessible. We review our
pages regularly and fix what we find.</p>
<h2>Tell us about a problem</h2>
<p>If something on this site is hard to use, please call us or
<a href="/call-back/">ask for a call back</a> and tell us what happened. We will help you
get the information another way and fix the page.</p>
""",
    },
]
