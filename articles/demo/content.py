"""Demo content for Recovery Site: categories and articles.

Plain Python data only (no Django imports), so it can be loaded by a management command,
a data migration or a test fixture.

* ``CATEGORIES``: article categories (slug, name, description).
* ``ARTICLES``: published articles; ``days_ago`` is how many days before "now" each one
  was published (distinct per article).
* ``DRAFT_ARTICLE``: one unpublished draft.
* ``SCHEDULED_ARTICLE``: one article scheduled ``days_ahead`` days after "now".

Bodies are HTML limited to <p>, <h2>, <h3>, <ul>, <ol>, <li>, <strong>, <em>, <a href>
and <blockquote>, with 3-6 <h2> headings each (the article page builds its table of
contents from them). The text is general health information written for this site; it is
not medical advice, and every article points readers to medical supervision and
emergency help (911, naloxone, 988) where relevant.
"""

CATEGORIES = [
    {
        "slug": "benzodiazepines",
        "name": "Benzodiazepines",
        "description": (
            "Plain-language guides to benzodiazepines such as Klonopin, Xanax, Ativan and Valium: "
            "how they work, their risks, and how to stop them safely with medical help."
        ),
    },
    {
        "slug": "opioids",
        "name": "Opioids",
        "description": (
            "Clear information about prescription opioids, heroin and fentanyl, how to recognize "
            "an overdose, and how naloxone can save a life."
        ),
    },
    {
        "slug": "stimulants",
        "name": "Stimulants",
        "description": (
            "What methamphetamine, cocaine and other stimulants do to the brain and body, and how "
            "people recover from stimulant use."
        ),
    },
    {
        "slug": "alcohol",
        "name": "Alcohol",
        "description": (
            "Honest, judgment-free information about drinking, alcohol withdrawal, and the many "
            "paths to cutting back or stopping."
        ),
    },
    {
        "slug": "treatment",
        "name": "Treatment and Recovery",
        "description": (
            "What to expect from detox, medications and counseling, so the first step into care "
            "feels less frightening."
        ),
    },
]

ARTICLES = [
    {
        "slug": "how-does-klonopin-work",
        "title": "How Does Klonopin Work?",
        "category": "benzodiazepines",
        "summary": (
            "Klonopin (clonazepam) is a prescription benzodiazepine that calms overactive nerve "
            "signals. Learn what it treats, how it acts on the brain, its side effects and risks, "
            "and why it should only be stopped slowly with a doctor's help."
        ),
        "body": """\
<p>If you or someone you love takes Klonopin, you may have questions about what it is really
doing inside the body. Maybe a doctor prescribed it a long time ago and you are wondering
whether it is still right for you. Maybe you have started taking more than you meant to, or you
feel scared about what would happen if you stopped. Whatever brought you here, it is okay to
ask, and you are not alone.</p>
<p>This guide explains in plain language what Klonopin is used for, how it works in the brain,
what its risks are, and how people change or stop this medicine safely with medical help. It is
general information, not personal medical advice, so please talk with your own doctor or
pharmacist before you make any change.</p>
<h2>What Klonopin is prescribed for</h2>
<p>Klonopin is a brand name for a medicine called clonazepam. It belongs to a family of drugs
called benzodiazepines, often shortened to "benzos." Other well-known members of this family
include Xanax (alprazolam), Ativan (lorazepam) and Valium (diazepam).</p>
<p>Clonazepam is available only with a prescription. In the United States it is approved for
two main uses:</p>
<ul>
<li><strong>Seizure disorders.</strong> Clonazepam can be used alone or along with other
medicines to help control certain types of seizures.</li>
<li><strong>Panic disorder.</strong> It can lower how often panic attacks happen and how strong
they feel. A panic attack is a sudden wave of intense fear that can come with a pounding heart,
shaking and trouble catching your breath.</li>
</ul>
<p>Because it can lead to dependence and misuse, clonazepam is a controlled substance. Doctors
usually weigh its benefits against its risks with care and check in regularly with the people
who take it.</p>
<h2>Klonopin and the brain</h2>
<p>Your brain works by passing signals from one nerve cell to the next. Some chemical
messengers speed those signals up, and others slow them down. One of the most important "slow
down" messengers is called GABA, which is short for gamma-aminobutyric acid. When GABA attaches
to special docking sites on nerve cells, called GABA-A receptors, the cell becomes less likely
to fire.</p>
<p>Clonazepam attaches to its own spot on those same GABA-A receptors. It does not replace
GABA. Instead, it makes the receptor respond more strongly whenever GABA is there. The result
is that nerve activity quiets down. That calming effect helps keep a seizure from spreading and
softens the physical rush of a panic attack. It is also the reason the medicine can leave
people feeling sleepy, relaxed or slowed down.</p>
<p>After a tablet is swallowed, clonazepam usually starts to work within about an hour.
Compared with some other benzodiazepines, such as Xanax, it is considered longer-acting, and
the body clears it slowly. How it feels and how long the effects last can differ a lot from
person to person, depending on the dose, age, liver health and any other medicines being
taken.</p>
<h2>Side effects and risks</h2>
<p>Many people take clonazepam as prescribed without serious trouble, but side effects are
common, especially at the start or after a dose change. They can include:</p>
<ul>
<li>Drowsiness or feeling tired during the day</li>
<li>Dizziness or feeling unsteady on your feet</li>
<li>Problems with balance and coordination</li>
<li>Trouble thinking clearly, paying attention or remembering things</li>
<li>Slower reaction times, which can make driving unsafe</li>
</ul>
<p>Until you know how the medicine affects you, it is wise not to drive or use machinery. Older
adults may be more likely to fall while taking it.</p>
<p>The most serious danger is slowed or shallow breathing. This risk rises sharply when
clonazepam is combined with other substances that also slow the brain and breathing, especially
<strong>opioids</strong> (such as oxycodone, hydrocodone, heroin or fentanyl) and
<strong>alcohol</strong>. Sleep medicines and some other drugs can add to the effect as well.
In 2016, the U.S. Food and Drug Administration (FDA) added its strongest warning, called a
boxed warning, to both benzodiazepines and opioid medicines. It explains that taking them
together can cause extreme sleepiness, slowed or stopped breathing, coma and death.</p>
<blockquote>If someone who has taken clonazepam is very hard to wake, is breathing slowly or
not at all, or has blue or gray lips, call 911 right away. If opioids could also be involved,
give naloxone if you have it. Naloxone does not reverse clonazepam itself, but it can reverse
the opioid part of an overdose and it is safe to give.</blockquote>
<p>Like some other seizure medicines, clonazepam has been linked with a small risk of new or
worsening depression or thoughts of suicide. Tell your doctor about any changes in your mood.
If you are in crisis or thinking about harming yourself, call or text 988 to reach the 988
Suicide and Crisis Lifeline, any time of day or night.</p>
<h2>Klonopin and dependence</h2>
<p>When a person takes a benzodiazepine regularly, the brain adjusts to having it there. Over
time it can come to rely on the medicine to keep its balance between calm and alert. This is
called physical dependence. It can develop after several days to weeks of steady use, even when
someone takes the medicine exactly as prescribed. Dependence is not a sign of weakness or bad
character. It is simply how the body responds to this kind of medicine.</p>
<p>In 2020, the FDA required an update to the boxed warning on all benzodiazepines, including
clonazepam. The updated warning describes the risks of misuse, addiction, physical dependence
and withdrawal reactions.</p>
<p>Stopping suddenly, or lowering the dose too fast, can be dangerous. Withdrawal symptoms may
include:</p>
<ul>
<li>Anxiety, restlessness or panic, sometimes stronger than before</li>
<li>Trouble falling or staying asleep</li>
<li>Shaking, sweating or muscle cramps</li>
<li>Stomach upset</li>
<li>In serious cases, confusion, seeing or hearing things that are not there, or seizures</li>
</ul>
<p>Withdrawal seizures can be life-threatening. That is why clonazepam should never be stopped
on your own. Instead, a doctor can build a plan to lower the dose gradually, called a taper.
The pace is set for each person and can be slowed down if symptoms become hard to manage. Some
people taper at home with regular check-ins. Others, such as people who take high doses, who
also use alcohol or other drugs, or who have had seizures before, are often safer in a
medically supervised setting.</p>
<h2>Getting help</h2>
<p>If you have been taking more clonazepam than prescribed, taking pills that were not
prescribed to you, buying pills outside a pharmacy, or mixing it with alcohol or opioids,
please reach out for support. Pills sold on the street can look exactly like real medicine but
contain fentanyl or other dangerous drugs.</p>
<p>Treatment for benzodiazepine misuse usually pairs a safe, supervised taper with care for the
anxiety, sleep problems or other struggles that may have led to using the medicine in the first
place. Talk therapy, such as cognitive behavioral therapy, can teach practical skills for
handling worry and panic. A good care team can also help with any other substance use at the
same time.</p>
<p>Feeling uneasy about a medicine you depend on is hard, and reaching out takes courage.
Recovery is possible, and you do not have to work it out alone. Whenever you are ready, you can
call us or request a call back, and a caring member of our team will listen and help you think
through your next step.</p>
""",
        "sources": [
            {
                "title": "Clonazepam",
                "url": "https://medlineplus.gov/druginfo/meds/a682279.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": (
                    "FDA requiring Boxed Warning updated to improve safe use of benzodiazepine "
                    "drug class"
                ),
                "url": "https://www.fda.gov/drugs/drug-safety-and-availability/fda-requiring-boxed-warning-updated-improve-safe-use-benzodiazepine-drug-class",
                "publisher": "U.S. Food and Drug Administration",
            },
            {
                "title": "Benzodiazepines and Opioids",
                "url": "https://nida.nih.gov/research-topics/opioids/benzodiazepines-opioids",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "SAMHSA's National Helpline",
                "url": "https://www.samhsa.gov/find-help/national-helpline",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
        ],
        "image_alt": (
            "Abstract illustration in calm blues and soft lavender: gentle waves settling around a"
            " simple outline of a brain, suggesting how Klonopin quiets busy nerve signals."
        ),
        "days_ago": 3,
    },
    {
        "slug": "what-is-xanax-withdrawal-like",
        "title": "What Is Xanax Withdrawal Like?",
        "category": "benzodiazepines",
        "summary": (
            "Stopping Xanax (alprazolam) after regular use can bring anxiety, poor sleep and, in "
            "serious cases, seizures. Here is what withdrawal can feel like, why a slow taper with"
            " a doctor matters, and when to get emergency help."
        ),
        "body": """\
<p>If you have been taking Xanax for a while and are thinking about stopping, or you have
already started to cut back, you may be feeling nervous about what comes next. That worry makes
sense. Withdrawal from Xanax can be uncomfortable, and for some people it can be dangerous. The
good news is that with the right medical support, people come off Xanax safely every day.</p>
<p>This article walks through what withdrawal can feel like, why it happens, and how to make
the process as safe and gentle as possible. Please use it as a starting point for a
conversation with a doctor, not as a plan to follow on your own.</p>
<h2>Why withdrawal happens</h2>
<p>Xanax is a brand name for alprazolam, a prescription benzodiazepine used to treat anxiety
disorders and panic disorder. Like other benzodiazepines, it boosts the effect of GABA, the
brain's main calming messenger, so nerve cells fire less.</p>
<p>When Xanax is taken regularly, the brain adjusts. It turns down some of its own calming
systems because the medicine is doing part of the work. This is called physical dependence, and
it can happen after days to weeks of steady use, even when the medicine is taken exactly as
prescribed. If the medicine is then stopped suddenly, the brain is left without its usual
brake. The nervous system can swing into an overactive state, and that is what withdrawal feels
like.</p>
<p>Xanax is a shorter-acting benzodiazepine, which means the body clears it faster than some
others, such as Klonopin or Valium. Because of that, withdrawal symptoms may begin sooner after
the last dose and can feel more sudden. Some people notice anxiety creeping back between doses,
even while still taking the medicine.</p>
<h2>Common withdrawal symptoms</h2>
<p>Everyone's experience is different. How long someone has taken Xanax, how much they take,
their overall health and any other substances they use all play a part. Common symptoms
include:</p>
<ul>
<li>Anxiety, nervousness or panic attacks, sometimes stronger than the original anxiety</li>
<li>Restlessness and irritability</li>
<li>Trouble falling or staying asleep</li>
<li>Shaking hands, sweating or a racing heart</li>
<li>Headaches, muscle aches or stiffness</li>
<li>Nausea or loss of appetite</li>
<li>Trouble concentrating or feeling foggy</li>
<li>Being extra sensitive to light, sound or touch</li>
</ul>
<p>The return of anxiety can be especially confusing. It can be hard to tell whether you are
feeling withdrawal or whether your original anxiety is coming back. A doctor can help you sort
that out and adjust your plan.</p>
<h2>Serious symptoms and emergencies</h2>
<p>Stopping a benzodiazepine suddenly, or cutting the dose too quickly, can cause severe
withdrawal reactions. The U.S. Food and Drug Administration (FDA) warns that these can include
seizures, which can be life-threatening. Other serious signs include confusion, seeing or
hearing things that are not there, and extreme agitation.</p>
<blockquote>Call 911 right away if someone going through Xanax withdrawal has a seizure,
becomes very confused, starts hallucinating, or has chest pain or trouble breathing. If you are
having thoughts of suicide or feel you might hurt yourself, call or text 988 to reach the 988
Suicide and Crisis Lifeline.</blockquote>
<h2>How long withdrawal lasts</h2>
<p>There is no single timeline. For many people, the hardest symptoms come in the first days to
weeks after the dose is lowered or stopped. For some, certain symptoms such as anxiety, poor
sleep or trouble concentrating can linger much longer. The FDA has noted that some people have
symptoms that last for weeks, months, or in some cases more than a year. If this happens to
you, it does not mean you have failed. It means your nervous system needs more time to heal,
and your care team can support you through it.</p>
<h2>A safer way to stop</h2>
<p>The safest way to come off Xanax is a slow, planned decrease in the dose, called a taper,
guided by a doctor. A taper gives the brain time to adjust a little at a time. Some tips that
many people find helpful:</p>
<ul>
<li>Tell your prescriber honestly how much you take and how often, including any pills that
were not prescribed to you. This helps them build a safe plan.</li>
<li>Ask what symptoms to expect and who to call if they become too hard to handle.</li>
<li>Avoid alcohol, opioids and sleep aids during a taper, since they can be dangerous with
benzodiazepines.</li>
<li>Protect your sleep with a regular bedtime, a dark room and less caffeine, especially later
in the day.</li>
<li>Let a trusted person know what you are doing so they can check on you.</li>
</ul>
<p>If you take high doses, have had seizures before, or also use alcohol or other drugs, a
medically supervised detox program may be the safest choice. Never try to manage withdrawal
with pills bought outside a pharmacy. Fake Xanax pills are common, and many contain fentanyl,
which can cause a deadly overdose.</p>
<p>Therapy can be a big help during and after a taper. Cognitive behavioral therapy, for
example, teaches practical skills for calming the body and handling anxious thoughts without
medicine.</p>
<p>Coming off Xanax can take patience, but your brain is able to find its balance again, and
many people feel clearer and steadier on the other side. You do not have to go through it
alone. If you would like to talk about your options, you can call us or request a call back,
and someone from our team will be glad to help.</p>
""",
        "sources": [
            {
                "title": "Alprazolam",
                "url": "https://medlineplus.gov/druginfo/meds/a684001.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": (
                    "FDA requiring Boxed Warning updated to improve safe use of benzodiazepine "
                    "drug class"
                ),
                "url": "https://www.fda.gov/drugs/drug-safety-and-availability/fda-requiring-boxed-warning-updated-improve-safe-use-benzodiazepine-drug-class",
                "publisher": "U.S. Food and Drug Administration",
            },
            {
                "title": "SAMHSA's National Helpline",
                "url": "https://www.samhsa.gov/find-help/national-helpline",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
        ],
        "image_alt": (
            "Abstract illustration in soft teal and warm sand tones: a winding path that slowly "
            "levels out, suggesting a gradual, supported taper off Xanax."
        ),
        "days_ago": 10,
    },
    {
        "slug": "how-fentanyl-differs-from-other-opioids",
        "title": "How Fentanyl Differs From Other Opioids",
        "category": "opioids",
        "summary": (
            "Fentanyl is a lab-made opioid far stronger than heroin or morphine, and it is often "
            "hidden in other drugs and fake pills. Learn why it is so risky, how to spot an "
            "overdose, and how to protect yourself and others."
        ),
        "body": """\
<p>Fentanyl is in the news a lot, and it can be frightening to read about. If you use opioids,
love someone who does, or simply want to understand what is happening in your community, this
page is for you. It explains what makes fentanyl different from other opioids and what you can
do to stay safer.</p>
<h2>What fentanyl is</h2>
<p>Fentanyl is an opioid, part of the same family as morphine, oxycodone and heroin. All
opioids attach to opioid receptors in the brain and body. They can ease pain and cause a strong
sense of calm or pleasure, but they also slow breathing. When breathing slows too much, the
brain and body do not get enough oxygen. That is what makes an opioid overdose so
dangerous.</p>
<p>Unlike morphine or heroin, which come from the opium poppy, fentanyl is made entirely in a
laboratory. Doctors prescribe it for severe pain, such as pain after surgery or from advanced
cancer, and give it as a patch, injection or lozenge under close medical care. However, most of
the fentanyl linked to overdoses today is made illegally and sold on the street.</p>
<h2>Why fentanyl is so much stronger</h2>
<p>The biggest difference is strength. According to the National Institute on Drug Abuse
(NIDA), fentanyl is about 100 times stronger than morphine and about 50 times stronger than
heroin. That means a very small amount can be enough to stop someone's breathing.</p>
<p>Fentanyl also acts quickly. An overdose can happen within minutes, leaving little time for
anyone to notice and respond. Its effects tend to wear off faster than some other opioids,
which can lead people to use again more often and raises the chance of an overdose.</p>
<h2>The hidden danger in other drugs</h2>
<p>Illegally made fentanyl is often mixed into other drugs, including heroin, cocaine and
methamphetamine. It is also pressed into fake pills made to look like real prescription
medicines, such as oxycodone or Xanax. Many people who overdose on fentanyl did not know they
were taking it.</p>
<p>You cannot see, smell or taste fentanyl, and the amount in any one batch can vary a great
deal. Even two pills from the same bag can be very different. Some street drugs now also
contain xylazine, an animal sedative that is not an opioid. Naloxone does not reverse xylazine,
but you should still give naloxone in a suspected overdose, because fentanyl is usually present
as well.</p>
<h2>Signs of an overdose and what to do</h2>
<p>Learning the signs of an opioid overdose can help you save a life. Watch for:</p>
<ul>
<li>Very small, "pinpoint" pupils</li>
<li>Falling asleep or not being able to wake up</li>
<li>Slow, weak or stopped breathing</li>
<li>Choking or gurgling sounds</li>
<li>A limp body</li>
<li>Cold, clammy skin, or blue or gray lips and fingernails</li>
</ul>
<blockquote>If you think someone is overdosing, call 911 right away. Give naloxone (Narcan) if
you have it, try to keep the person breathing, and lay them on their side so they do not choke.
Stay with them until help arrives. Because fentanyl is so strong, more than one dose of
naloxone may be needed.</blockquote>
<p>Many states have laws that give some legal protection to people who call for help during an
overdose. Please do not let fear stop you from calling.</p>
<h2>Ways to lower the risk</h2>
<p>The safest choice is not to use drugs that could contain fentanyl. If you do use, these
steps from public health agencies can lower the risk of dying:</p>
<ul>
<li>Carry naloxone and make sure the people around you know where it is and how to use it. It
is available without a prescription.</li>
<li>Never use alone. If you do, ask someone to check on you.</li>
<li>Use fentanyl test strips, which can show whether fentanyl is in a drug. A negative result
does not guarantee a drug is safe.</li>
<li>Avoid mixing opioids with alcohol, benzodiazepines or other sedatives, which all slow
breathing.</li>
<li>Be extra careful after a break from using, such as after jail, a hospital stay or detox,
since your body may no longer be used to opioids.</li>
</ul>
<p>Treatment works for fentanyl use, just as it does for other opioids. Medicines such as
buprenorphine, methadone and naltrexone, combined with counseling and support, help many people
stop using and greatly lower their risk of overdose.</p>
<p>If fentanyl has touched your life, please know that there is real hope. People recover from
opioid use every day, and it is never too late to start. You can call us or request a call back
at any time, and we will help you explore safe, practical next steps.</p>
""",
        "sources": [
            {
                "title": "Fentanyl",
                "url": "https://nida.nih.gov/research-topics/fentanyl",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "Fentanyl Facts",
                "url": "https://www.cdc.gov/stop-overdose/caring/fentanyl-facts.html",
                "publisher": "Centers for Disease Control and Prevention",
            },
            {
                "title": "Naloxone DrugFacts",
                "url": "https://nida.nih.gov/publications/drugfacts/naloxone",
                "publisher": "National Institute on Drug Abuse",
            },
        ],
        "image_alt": (
            "Abstract illustration in muted navy and soft coral: a small bright dot set apart "
            "among larger rounded shapes, hinting at how fentanyl hides in other opioids and "
            "pills."
        ),
        "days_ago": 6,
    },
    {
        "slug": "what-naloxone-does-and-how-to-use-it",
        "title": "What Naloxone Does and How to Use It",
        "category": "opioids",
        "summary": (
            "Naloxone (Narcan) can reverse an opioid overdose and restore breathing. Learn how it "
            "works, where to get it without a prescription, the signs of an overdose, and simple "
            "steps for giving it while you wait for help."
        ),
        "body": """\
<p>Naloxone is a medicine that can bring someone back from an opioid overdose. It is safe,
simple to use, and available without a prescription. If you or someone close to you uses
opioids, keeping naloxone nearby is one of the most loving and practical things you can do.</p>
<p>This guide explains how naloxone works, how to recognize an overdose, and what to do step by
step. Reading it now, before an emergency, can help you feel ready if you ever need it.</p>
<h2>How naloxone works</h2>
<p>Opioids, such as heroin, fentanyl, oxycodone and morphine, attach to opioid receptors in the
brain. In large amounts they slow breathing, sometimes until it stops. Naloxone is an opioid
antagonist, which means it attaches to those same receptors more strongly than the opioid does
and pushes it off. This can quickly restore normal breathing.</p>
<p>Naloxone only works on opioids. It does not reverse alcohol, benzodiazepines, stimulants or
xylazine. Even so, it is safe to give naloxone whenever an opioid overdose is possible. It will
not harm someone who has not taken opioids.</p>
<h2>Where to get naloxone</h2>
<p>Naloxone comes most often as a nasal spray, and it is also available as an injection. In
2023, the U.S. Food and Drug Administration (FDA) approved naloxone nasal spray for sale
without a prescription. Today you can find it at many pharmacies and stores, and many health
departments and community programs give it out for free. Another overdose-reversal medicine,
nalmefene, is also available as a nasal spray.</p>
<p>Keep naloxone somewhere easy to reach, at room temperature, and tell family and friends
where it is. Check the expiration date and replace it when needed.</p>
<h2>Signs of an opioid overdose</h2>
<p>An overdose can look like someone is simply very deeply asleep. Look for:</p>
<ul>
<li>Not waking up, or not responding when you shout their name or firmly rub the middle of
their chest</li>
<li>Slow, shallow or stopped breathing</li>
<li>Snoring, choking or gurgling sounds</li>
<li>Very small, "pinpoint" pupils</li>
<li>Blue, gray or pale lips and fingertips</li>
<li>A limp body and cold, clammy skin</li>
</ul>
<p>If you are not sure, act as if it is an overdose. Giving naloxone when it was not needed
will not cause harm. Waiting too long can.</p>
<h2>How to give naloxone nasal spray</h2>
<p>Always follow the instructions that come with your product. In general, the steps are:</p>
<ol>
<li><strong>Try to wake them.</strong> Shout their name and rub the middle of their chest
firmly with your knuckles.</li>
<li><strong>Call 911.</strong> Say that someone is not breathing or not responding. If you can,
put the phone on speaker so your hands are free.</li>
<li><strong>Give the spray.</strong> Lay the person on their back. Gently tilt their head back,
put the tip of the nozzle into one nostril, and press the plunger firmly.</li>
<li><strong>Support their breathing.</strong> If you know rescue breathing or CPR, follow the
dispatcher's guidance.</li>
<li><strong>Put them on their side.</strong> Turn the person onto their side, with their top
knee bent, so they will not choke if they vomit.</li>
<li><strong>Give another dose if needed.</strong> If there is no response after two to three
minutes, give a second dose using a new spray in the other nostril.</li>
<li><strong>Stay with them.</strong> Keep watching their breathing until emergency help
arrives.</li>
</ol>
<h2>After naloxone is given</h2>
<p>Naloxone can wear off before the opioids do, especially with strong opioids like fentanyl.
That means a person can stop breathing again even after they seem to recover. This is why
calling 911 and staying with the person matters so much. The National Institute on Drug Abuse
advises watching someone closely for at least two hours after the last dose of naloxone.</p>
<p>When someone wakes up after naloxone, they may feel sudden withdrawal symptoms, such as
sweating, shaking, nausea, body aches or feeling upset. Speak calmly, reassure them that they
are safe, and gently explain what happened. Encourage them not to use more opioids right away,
because the naloxone may wear off.</p>
<p>Many states have laws that offer some legal protection to people who call for help during an
overdose. Please do not let fear keep you from calling 911.</p>
<p>Carrying naloxone is not giving up on recovery. It keeps people alive so that recovery stays
possible. If you or someone you love is ready to talk about treatment, you can call us or
request a call back, and we will walk with you through the next steps.</p>
""",
        "sources": [
            {
                "title": "Naloxone Nasal Spray",
                "url": "https://medlineplus.gov/druginfo/meds/a616003.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "Naloxone DrugFacts",
                "url": "https://nida.nih.gov/publications/drugfacts/naloxone",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "Lifesaving Naloxone",
                "url": "https://www.cdc.gov/stop-overdose/caring/naloxone.html",
                "publisher": "Centers for Disease Control and Prevention",
            },
        ],
        "image_alt": (
            "Abstract illustration in calm greens and soft white: two open hands cradling a "
            "glowing circle, symbolising naloxone restoring breath during an opioid overdose."
        ),
        "days_ago": 14,
    },
    {
        "slug": "how-methamphetamine-affects-the-brain",
        "title": "How Methamphetamine Affects the Brain",
        "category": "stimulants",
        "summary": (
            "Methamphetamine floods the brain with dopamine, which can lead to addiction, anxiety,"
            " paranoia and memory problems. Learn how meth changes the brain, which signs mean an "
            "emergency, and why recovery and healing are possible."
        ),
        "body": """\
<p>Methamphetamine, often called meth, crystal or ice, is a powerful stimulant. It speeds up
the brain and body, and it can quickly take over a person's life. If you are worried about your
own meth use or about someone you love, it can help to understand what the drug is doing in the
brain. Understanding often brings less shame and more hope.</p>
<h2>What methamphetamine does</h2>
<p>Meth can be smoked, snorted, injected or swallowed. It brings on a rush of energy, alertness
and confidence. People may talk fast, feel little need to sleep or eat, and keep going for
hours or even days.</p>
<p>In the short term, meth can cause:</p>
<ul>
<li>A fast or irregular heartbeat and high blood pressure</li>
<li>Faster breathing</li>
<li>Higher body temperature</li>
<li>Less appetite and less need for sleep</li>
<li>More physical activity and restlessness</li>
</ul>
<h2>Meth and dopamine</h2>
<p>Dopamine is a chemical messenger that plays a big part in motivation, pleasure, learning and
movement. Everyday rewards, such as eating a good meal or spending time with people we love,
release small amounts of dopamine. This teaches the brain that these things are worth
repeating.</p>
<p>Meth causes the brain to release very large amounts of dopamine, far more than natural
rewards do. The brain quickly learns to link meth with that powerful feeling, and strong
cravings can follow. Over time, with repeated use, the brain's dopamine system changes.
Ordinary joys may start to feel flat, and it can become hard to feel good without the drug.
This is part of how addiction takes hold. It is a change in the brain, not a lack of
willpower.</p>
<p>Research supported by the National Institute on Drug Abuse (NIDA) shows that long-term meth
use can also affect areas of the brain involved in emotion, memory and decision-making. People
may notice problems with attention, learning and controlling impulses.</p>
<h2>Long-term effects on mind and body</h2>
<p>With ongoing use, meth can cause serious problems, including:</p>
<ul>
<li>Addiction, with strong cravings and trouble stopping</li>
<li>Anxiety, confusion and trouble sleeping</li>
<li>Mood swings and, at times, aggressive or violent behavior</li>
<li>Paranoia and hallucinations, such as the feeling of bugs crawling under the skin</li>
<li>Memory loss and trouble thinking clearly</li>
<li>Severe dental problems and large weight loss</li>
<li>Skin sores from scratching</li>
</ul>
<p>People who inject meth also face a higher risk of infections such as HIV and hepatitis from
shared needles.</p>
<h2>When it is an emergency</h2>
<p>Meth can overload the heart and body. Street meth may also contain fentanyl, a very strong
opioid that can stop a person's breathing.</p>
<blockquote>Call 911 right away if someone who has used meth has chest pain, a seizure, a very
high body temperature, trouble breathing, signs of a stroke (such as a drooping face, weakness
on one side or trouble speaking), or cannot be woken up. If opioids such as fentanyl could be
involved, give naloxone if you have it. If you or someone else is having thoughts of suicide,
call or text 988.</blockquote>
<h2>Healing and recovery</h2>
<p>Here is the hopeful part: the brain can heal. Research shows that with a long period without
meth, some of the brain changes linked to its use can partly recover. Recovery can take time,
and the first weeks and months can be hard, with tiredness, low mood and cravings. But many
people find that their energy, focus and ability to enjoy life slowly return.</p>
<p>Right now, there are no medicines approved by the U.S. Food and Drug Administration to treat
meth addiction, although researchers are working on it. Treatments that do help include:</p>
<ul>
<li><strong>Cognitive behavioral therapy</strong>, which helps people notice triggers, handle
cravings and build new habits</li>
<li><strong>Contingency management</strong>, which offers small rewards, such as vouchers, for
drug-free test results</li>
<li><strong>Support groups and peer support</strong>, which connect people with others who
understand</li>
<li>Care for other health needs, such as depression, anxiety, sleep or dental problems</li>
</ul>
<p>You are not broken, and it is not too late. Many people have walked this road and found
their way to a steadier, healthier life. If you would like to talk about what recovery could
look like for you, please call us or request a call back. We will listen without judgment and
help you find a good place to start.</p>
""",
        "sources": [
            {
                "title": "Methamphetamine",
                "url": "https://nida.nih.gov/research-topics/methamphetamine",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "Methamphetamine",
                "url": "https://medlineplus.gov/methamphetamine.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "SAMHSA's National Helpline",
                "url": "https://www.samhsa.gov/find-help/national-helpline",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
        ],
        "image_alt": (
            "Abstract illustration in soft violet and pale gold: bright scattered sparks slowly "
            "gathering into a calm, steady glow around a brain outline, representing "
            "methamphetamine's effects and healing."
        ),
        "days_ago": 9,
    },
    {
        "slug": "cocaine-and-the-heart",
        "title": "Cocaine and the Heart",
        "category": "stimulants",
        "summary": (
            "Cocaine makes the heart beat faster while narrowing the blood vessels that feed it, "
            "which can cause heart attacks and strokes, even in young, healthy people. Learn the "
            "warning signs and what to do in an emergency."
        ),
        "body": """\
<p>Many people think of heart attacks as something that happens to older adults. But cocaine
can cause serious heart problems at any age, even in young people with no history of heart
disease, and even the first time someone uses it. If you use cocaine or care about someone who
does, knowing how it affects the heart could help save a life.</p>
<h2>How cocaine affects the heart and blood vessels</h2>
<p>Cocaine is a strong stimulant made from the leaves of the coca plant. It comes as a powder
that is usually snorted or injected, or as crack, which is smoked. It boosts energy and
alertness by flooding the brain with dopamine, and it also puts the whole body into a kind of
high-alert state.</p>
<p>For the heart, that means several things happen at once:</p>
<ul>
<li><strong>The heart beats faster and harder.</strong> This makes it need more oxygen.</li>
<li><strong>Blood pressure goes up.</strong> This strains the heart and blood vessels.</li>
<li><strong>Blood vessels tighten.</strong> The arteries that carry blood to the heart can
narrow, so less oxygen reaches the heart muscle just when it needs more.</li>
<li><strong>Blood may clot more easily.</strong> A clot can block an artery in the heart or
brain.</li>
</ul>
<h2>Serious heart problems linked to cocaine</h2>
<p>Together, these effects can lead to dangerous problems, including:</p>
<ul>
<li>Chest pain</li>
<li>Heart attack</li>
<li>Irregular heart rhythms, which can be deadly</li>
<li>Stroke, caused by a blocked or burst blood vessel in the brain</li>
<li>A tear in the wall of the aorta, the body's largest artery</li>
</ul>
<p>With long-term use, cocaine can also cause inflammation of the heart muscle and can weaken
the heart so it does not pump as well. These problems can build up quietly over time.</p>
<h2>Mixing cocaine with other substances</h2>
<p>Mixing cocaine with alcohol is especially hard on the heart. When the two are used together,
the liver makes a substance called cocaethylene. According to the National Institute on Drug
Abuse (NIDA), it can be more harmful to the heart than either drug alone.</p>
<p>Cocaine sold on the street may also contain fentanyl, a very strong opioid. Many people who
overdose on cocaine did not know fentanyl was in it. An opioid overdose slows or stops
breathing, so if someone who used cocaine is hard to wake or breathing very slowly, give
naloxone if you have it and call 911.</p>
<h2>Warning signs that need emergency care</h2>
<blockquote>Call 911 right away for chest pain or pressure, trouble breathing, a racing or
pounding heartbeat that will not slow down, fainting, a seizure, a very high body temperature,
or signs of a stroke such as a drooping face, weakness on one side of the body, or trouble
speaking.</blockquote>
<p>Please be honest with emergency staff about cocaine use. They are there to help, not to
judge, and knowing what was taken helps them choose the safest treatment. Chest pain after
using cocaine should always be checked right away, even if it starts to fade.</p>
<h2>Protecting your heart and getting help</h2>
<p>The best way to protect your heart is to stop using cocaine. Your heart and blood vessels
can benefit from stopping at any point. If you have used cocaine, it is a good idea to tell
your doctor so they can check your heart health and blood pressure.</p>
<p>Treatment for cocaine use often includes:</p>
<ul>
<li>Counseling, such as cognitive behavioral therapy, to handle cravings and triggers</li>
<li>Contingency management, which rewards drug-free test results</li>
<li>Support groups and peer recovery support</li>
<li>Care for depression, anxiety or other health needs that often come along with cocaine
use</li>
</ul>
<p>At this time there are no FDA-approved medicines for cocaine addiction, but these treatments
help many people cut back and stop.</p>
<p>Worrying about your heart can be scary, and it can also be a turning point. Many people have
stepped away from cocaine and gone on to live full, healthy lives. If you are ready to talk, or
just want to ask a few questions, you can call us or request a call back. We are here to help,
without judgment.</p>
""",
        "sources": [
            {
                "title": "Cocaine",
                "url": "https://nida.nih.gov/research-topics/cocaine",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "Cocaine",
                "url": "https://medlineplus.gov/cocaine.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "Fentanyl Facts",
                "url": "https://www.cdc.gov/stop-overdose/caring/fentanyl-facts.html",
                "publisher": "Centers for Disease Control and Prevention",
            },
        ],
        "image_alt": (
            "Abstract illustration in calm rose and soft blue: a simple heart shape surrounded by "
            "gently flowing lines, representing cocaine's effects on the heart and blood vessels."
        ),
        "days_ago": 20,
    },
    {
        "slug": "alcohol-withdrawal-why-quitting-cold-turkey-can-be-dangerous",
        "title": "Alcohol Withdrawal: Why Quitting Cold Turkey Can Be Dangerous",
        "category": "alcohol",
        "summary": (
            "If you drink heavily every day, stopping all at once can cause shaking, seizures and "
            "a dangerous condition called delirium tremens. Learn the warning signs, why medical "
            "support matters, and how to quit safely."
        ),
        "body": """\
<p>Deciding to stop drinking is a brave and important choice. If you have been drinking heavily
for a while, though, the way you stop matters. For some people, quitting alcohol all at once,
often called going "cold turkey," can lead to serious and even life-threatening withdrawal.
This page explains why, and how to stop in a safer way.</p>
<h2>Why alcohol withdrawal happens</h2>
<p>Alcohol slows down the brain. It boosts the brain's calming signals and dampens its
excitement signals. When someone drinks heavily most days, the brain adapts by turning its own
excitement signals up to keep things in balance.</p>
<p>If the alcohol is suddenly taken away, the brain is left running too fast. It is a bit like
taking your foot off the brake of a car that is already revving. That overactive state is what
causes withdrawal symptoms. The more and the longer someone has been drinking, the more likely
withdrawal is to be severe.</p>
<h2>What withdrawal can feel like</h2>
<p>According to MedlinePlus, symptoms usually begin within about 8 hours after the last drink,
although they can start days later. They often peak between 24 and 72 hours but can go on for
weeks. Common symptoms include:</p>
<ul>
<li>Shaky hands or trembling</li>
<li>Anxiety, jumpiness, irritability or mood swings</li>
<li>Sweating and clammy skin</li>
<li>Headache</li>
<li>Nausea, vomiting and loss of appetite</li>
<li>Trouble sleeping and nightmares</li>
<li>A fast heartbeat</li>
<li>Feeling tired, low or unable to think clearly</li>
</ul>
<h2>When withdrawal becomes an emergency</h2>
<p>Some people develop seizures during alcohol withdrawal. A smaller number develop delirium
tremens, often called the DTs. This is a severe form of withdrawal that can cause:</p>
<ul>
<li>Severe confusion or agitation</li>
<li>Seeing, hearing or feeling things that are not there</li>
<li>Fever and heavy sweating</li>
<li>A racing heart and high blood pressure</li>
<li>Seizures</li>
</ul>
<blockquote>Delirium tremens is a medical emergency. Call 911 right away if someone in alcohol
withdrawal has a seizure, becomes very confused, is hallucinating, has a high fever, or has
chest pain or trouble breathing. If you are having thoughts of suicide, call or text 988 to
reach the 988 Suicide and Crisis Lifeline.</blockquote>
<p>It is hard to predict who will have severe withdrawal. People who have gone through
withdrawal before, have had seizures, drink very heavily every day, or have other health
problems may be at higher risk. Because of this, it is best not to try to guess on your
own.</p>
<h2>A safer way to stop drinking</h2>
<p>If you drink heavily and want to stop, please talk to a doctor or a treatment program first.
They can check your health and help you decide on the safest plan. That might be:</p>
<ul>
<li><strong>Outpatient care</strong>, where you stay at home and check in often with a doctor,
for people at lower risk</li>
<li><strong>Medical detox</strong>, where trained staff watch you around the clock, for people
at higher risk of serious symptoms</li>
</ul>
<p>During medically supervised withdrawal, doctors can give medicines that ease symptoms and
help prevent seizures and the DTs. They may also give vitamins, especially thiamine, and
fluids, since heavy drinking can leave the body low in important nutrients. Please do not try
to treat withdrawal yourself with pills from a friend or from the street, which can be
dangerous and may contain fentanyl.</p>
<h2>After withdrawal: staying well</h2>
<p>Getting through withdrawal is an important first step, but it is only the start. Recovery
usually works best with ongoing support, such as counseling, support groups and, for many
people, medicine. The U.S. Food and Drug Administration has approved naltrexone, acamprosate
and disulfiram to treat alcohol use disorder. These medicines are not habit-forming, and they
can help reduce cravings or support staying sober. Your doctor can help you decide whether one
of them is right for you.</p>
<p>Wanting to stop drinking is something to be proud of, and you deserve to do it safely. You
do not have to white-knuckle it alone. When you are ready, you can call us or request a call
back, and our team will help you find the right level of care.</p>
""",
        "sources": [
            {
                "title": "Alcohol withdrawal",
                "url": "https://medlineplus.gov/ency/article/000764.htm",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "Alcohol Use Disorder (AUD)",
                "url": "https://medlineplus.gov/alcoholusedisorderaud.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "SAMHSA's National Helpline",
                "url": "https://www.samhsa.gov/find-help/national-helpline",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
        ],
        "image_alt": (
            "Abstract illustration in calm sea green and soft grey: a steady hand-drawn line "
            "easing from jagged peaks into smooth waves, suggesting a safe, supported alcohol "
            "withdrawal."
        ),
        "days_ago": 5,
    },
    {
        "slug": "how-much-is-too-much-understanding-heavy-drinking",
        "title": "How Much Is Too Much? Understanding Heavy Drinking",
        "category": "alcohol",
        "summary": (
            "What counts as one drink, what doctors mean by binge and heavy drinking, and which "
            "signs suggest alcohol is becoming a problem. A calm, judgment-free guide to looking "
            "honestly at your own drinking."
        ),
        "body": """\
<p>Lots of people wonder whether they drink too much. Maybe a friend made a comment, maybe you
woke up with a bad feeling about last night, or maybe you are simply curious. Asking the
question is a healthy sign. This guide explains how health experts think about drinking, so you
can take an honest and kind look at your own habits.</p>
<h2>What counts as one drink</h2>
<p>Drinks come in many sizes and strengths, so health experts use the idea of a "standard
drink." In the United States, one standard drink contains about 14 grams of pure alcohol. That
is roughly the amount in:</p>
<ul>
<li>12 ounces of regular beer (about 5% alcohol)</li>
<li>5 ounces of wine (about 12% alcohol)</li>
<li>1.5 ounces of distilled spirits, such as vodka or whiskey (about 40% alcohol)</li>
</ul>
<p>Many real-life drinks hold more than one standard drink. A large glass of wine, a craft beer
or a mixed cocktail can easily add up to two or more.</p>
<h2>Binge drinking and heavy drinking</h2>
<p>The National Institute on Alcohol Abuse and Alcoholism (NIAAA) describes a few patterns that
raise the risk of harm:</p>
<ul>
<li><strong>Binge drinking</strong> means drinking enough to bring blood alcohol to 0.08% or
higher. For a typical adult, that is about 5 or more drinks for men, or 4 or more drinks for
women, in about two hours.</li>
<li><strong>Heavy drinking</strong>, as NIAAA defines it, means more than 4 drinks on any day
or more than 14 drinks a week for men, and more than 3 drinks on any day or more than 7 drinks
a week for women.</li>
</ul>
<p>U.S. health guidance has long advised that adults who choose to drink keep it to 2 drinks or
fewer in a day for men and 1 drink or fewer in a day for women. The Centers for Disease Control
and Prevention (CDC) also points out that drinking less is better for health than drinking
more. Some people should not drink at all, including people who are pregnant or might be,
people under 21, people taking certain medicines, and people in recovery from alcohol use
disorder.</p>
<h2>How heavy drinking affects health</h2>
<p>Over time, drinking a lot can affect almost every part of the body. It can raise the risk
of:</p>
<ul>
<li>Liver disease</li>
<li>High blood pressure, heart disease and stroke</li>
<li>Several kinds of cancer, including cancers of the mouth, throat, liver and breast</li>
<li>Depression, anxiety and sleep problems</li>
<li>Injuries from falls, car crashes and violence</li>
</ul>
<p>Drinking a large amount in a short time can also cause alcohol poisoning.</p>
<blockquote>Call 911 if someone who has been drinking is confused, cannot be woken up, is
vomiting while very drowsy, has slow or irregular breathing, has a seizure, or has pale or
bluish skin. Do not leave them alone to "sleep it off." Turn them on their side so they do not
choke.</blockquote>
<h2>Signs that drinking may be a problem</h2>
<p>Alcohol use disorder is a medical condition, not a moral failing. It can be mild, moderate
or severe. Some questions health professionals ask include:</p>
<ul>
<li>Do you often drink more, or for longer, than you meant to?</li>
<li>Have you tried to cut down but found you could not?</li>
<li>Do you spend a lot of time drinking or getting over its effects?</li>
<li>Do you have strong cravings for alcohol?</li>
<li>Has drinking caused problems at home, at work or with people you love, yet you keep
drinking?</li>
<li>Do you need more alcohol than before to feel the same effect?</li>
<li>When the alcohol wears off, do you get shaky, sweaty, anxious or unable to sleep?</li>
</ul>
<p>If you answered yes to some of these, it may be time to talk with a doctor or counselor. If
you feel shaky or sick when you stop drinking, please do not quit suddenly on your own, because
alcohol withdrawal can be dangerous. A doctor can help you stop safely.</p>
<h2>Taking the next step</h2>
<p>There are many ways to change your drinking. Some people choose to cut back, and others
decide to stop completely. Counseling, support groups and medicines approved for alcohol use
disorder can all help. You can start small, by tracking your drinks for a week or by talking
honestly with someone you trust.</p>
<p>However your drinking looks today, change is possible, and you deserve support without
judgment. If you would like to talk it through with someone, you can call us or request a call
back whenever you are ready.</p>
""",
        "sources": [
            {
                "title": "Drinking Levels Defined",
                "url": "https://www.niaaa.nih.gov/alcohol-health/overview-alcohol-consumption/moderate-binge-drinking",
                "publisher": "National Institute on Alcohol Abuse and Alcoholism",
            },
            {
                "title": "About Alcohol Use",
                "url": "https://www.cdc.gov/alcohol/about-alcohol-use/index.html",
                "publisher": "Centers for Disease Control and Prevention",
            },
            {
                "title": "Alcohol Use Disorder (AUD)",
                "url": "https://medlineplus.gov/alcoholusedisorderaud.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
        ],
        "image_alt": (
            "Abstract illustration in warm amber and calm blue: a row of softly outlined glasses "
            "fading from full to empty, inviting reflection on how much drinking is too much."
        ),
        "days_ago": 17,
    },
    {
        "slug": "what-happens-during-medical-detox",
        "title": "What Happens During Medical Detox",
        "category": "treatment",
        "summary": (
            "Medical detox helps people stop alcohol or drugs safely, with trained staff and "
            "medicines to ease withdrawal. Here is what usually happens from arrival to discharge,"
            " and why detox is the first step of recovery, not the last."
        ),
        "body": """\
<p>If you are thinking about detox, you might be picturing something frightening. Many people
imagine being alone, in pain, with no one to help. Medical detox is very different from that.
It is a calm, supervised setting where trained staff help you through withdrawal as safely and
comfortably as possible.</p>
<p>This page explains what usually happens during medical detox, so you know what to expect.
Every program is a little different, so please ask yours about the details.</p>
<h2>What medical detox is</h2>
<p>When someone has been using alcohol, opioids, benzodiazepines or other drugs regularly,
their body gets used to having the substance. Stopping can cause withdrawal. Some withdrawal is
mostly uncomfortable. Other withdrawal, especially from alcohol and benzodiazepines, can be
dangerous and may cause seizures.</p>
<p>Medical detox, sometimes called medically supervised withdrawal, means going through
withdrawal with doctors and nurses who watch your health and treat symptoms as they come up. It
can take place in a hospital, a treatment center or, for people at lower risk, through regular
outpatient visits.</p>
<h2>Step one: a careful check-in</h2>
<p>When you arrive, the team will want to get to know you and your health. This usually
includes:</p>
<ul>
<li>Questions about what substances you use, how much, how often and when you last used</li>
<li>A review of your physical and mental health, past withdrawals and any medicines you
take</li>
<li>Checking vital signs, such as blood pressure, heart rate and temperature</li>
<li>Sometimes blood or urine tests</li>
</ul>
<p>Being honest helps the team keep you safe. They are not there to judge you. They need the
full picture to choose the right care and avoid harmful mix-ups with medicines.</p>
<h2>Step two: getting through withdrawal safely</h2>
<p>Next comes the part most people worry about: withdrawal itself. Staff will check on you
regularly and adjust your care as needed. Depending on the substance, they may give medicines
to:</p>
<ul>
<li>Ease symptoms such as shaking, anxiety, sweating, nausea and aches</li>
<li>Help prevent seizures and other serious problems</li>
<li>Help you sleep and rest</li>
<li>Replace fluids and vitamins your body may be low on</li>
</ul>
<p>For opioid withdrawal, many programs offer buprenorphine or methadone. These medicines can
ease withdrawal and cravings, and many people keep taking them after detox as part of their
long-term treatment.</p>
<p>How long detox lasts depends on the substance, how much was used, and your health. It often
takes several days to about a week or so, but it can be shorter or longer. Some symptoms, such
as poor sleep or low mood, may last after detox ends, and your care team can help you plan for
that.</p>
<h2>Step three: planning what comes next</h2>
<p>Detox helps your body stop using safely, but it does not address the reasons substance use
took hold or teach the skills for staying well. The National Institute on Drug Abuse (NIDA)
notes that detox is only the first stage of treatment. On its own, it rarely leads to lasting
change.</p>
<p>Before you leave, a good detox program will help you line up ongoing care. This might
include residential treatment, outpatient counseling, medication for opioid or alcohol use
disorder, support groups, and help with housing, work or family needs.</p>
<blockquote>An important safety note: after detox from opioids, your body is no longer used to
the same amount. Using the amount you used before can cause a deadly overdose. Keep naloxone
with you, tell the people around you where it is, and call 911 if you see signs of an
overdose.</blockquote>
<h2>Preparing for detox</h2>
<p>A little planning can help you feel calmer going in. You might:</p>
<ul>
<li>Ask the program what to bring, such as ID, insurance card, a list of your medicines and
comfortable clothes</li>
<li>Arrange care for children or pets, and let work know you will be away if you can</li>
<li>Write down the names and numbers of people you would like to stay in touch with</li>
<li>Keep using as usual until you talk with the program, rather than stopping suddenly on your
own, unless a doctor tells you otherwise</li>
</ul>
<p>If you ever feel like you might harm yourself, during detox or any time, call or text 988 to
reach the 988 Suicide and Crisis Lifeline.</p>
<p>Choosing detox is choosing to take care of yourself, and that takes real strength. You will
not be doing it alone. If you have questions about detox or would like help finding a program,
you can call us or request a call back, and we will gladly guide you.</p>
""",
        "sources": [
            {
                "title": "Treatment Approaches for Drug Addiction DrugFacts",
                "url": "https://nida.nih.gov/publications/drugfacts/treatment-approaches-drug-addiction",
                "publisher": "National Institute on Drug Abuse",
            },
            {
                "title": "Alcohol withdrawal",
                "url": "https://medlineplus.gov/ency/article/000764.htm",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "SAMHSA's National Helpline",
                "url": "https://www.samhsa.gov/find-help/national-helpline",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
        ],
        "image_alt": (
            "Abstract illustration in soft sage and cream: a quiet room suggested by simple "
            "shapes, with a gentle light through a window, representing calm, supervised medical "
            "detox."
        ),
        "days_ago": 12,
    },
    {
        "slug": "medications-for-opioid-use-disorder",
        "title": "Medications for Opioid Use Disorder",
        "category": "treatment",
        "summary": (
            "Methadone, buprenorphine and naltrexone are FDA-approved medicines that ease cravings"
            " and withdrawal and lower the risk of overdose. Learn how each one works, what "
            "treatment looks like, and common myths about these medicines."
        ),
        "body": """\
<p>If you are struggling with opioids, you may have heard that medicine can help, but you might
also have heard mixed messages about it. This page explains the medicines approved to treat
opioid use disorder, how they work, and what treatment with them is really like.</p>
<h2>Why medicines help</h2>
<p>Opioid use disorder changes the brain. Over time, the brain comes to depend on opioids, and
going without them can bring painful withdrawal and powerful cravings. These changes are a big
reason why willpower alone is often not enough, and why many people return to use after trying
to quit.</p>
<p>Medicines for opioid use disorder, sometimes called MOUD, work on the same brain systems
that opioids affect. They can ease withdrawal, calm cravings and help block the effects of
other opioids. According to the Substance Abuse and Mental Health Services Administration
(SAMHSA), these medicines, combined with counseling and other support, help people stay in
treatment and lower the risk of overdose.</p>
<h2>The three approved medicines</h2>
<p>The U.S. Food and Drug Administration (FDA) has approved three medicines to treat opioid use
disorder:</p>
<ul>
<li><strong>Methadone</strong> is a long-acting opioid that eases withdrawal and cravings
without causing the same highs and lows as short-acting opioids. For opioid use disorder, it is
given through certified opioid treatment programs, often as a daily dose at a clinic at
first.</li>
<li><strong>Buprenorphine</strong> partly activates the opioid receptors. This eases withdrawal
and cravings, and it has a "ceiling effect" that makes it harder to take too much. It comes as
a film or tablet that dissolves in the mouth and as a longer-acting injection. Doctors, nurse
practitioners and other qualified prescribers can prescribe it in regular medical offices.</li>
<li><strong>Naltrexone</strong> blocks the opioid receptors, so opioids do not have their usual
effect. For opioid use disorder, it is given as a monthly injection. A person needs to be off
opioids for a period of time first, often at least a week, because starting too soon can cause
sudden withdrawal.</li>
</ul>
<p>Each medicine has its own benefits and side effects. A doctor can help you choose the one
that fits your health, your history and your life.</p>
<h2>What treatment looks like</h2>
<p>Starting treatment usually begins with a conversation about your health and your opioid use.
For buprenorphine, many people start when they are already feeling some withdrawal, because
starting too early can make withdrawal worse. Your prescriber will guide you on timing.</p>
<p>After that, treatment is usually a mix of:</p>
<ul>
<li>Regular visits to check how you are feeling and adjust the dose</li>
<li>Counseling or therapy to work on triggers, stress and relationships</li>
<li>Support with other needs, such as mental health, housing or work</li>
<li>Naloxone to keep on hand in case of an overdose</li>
</ul>
<p>There is no set time limit. Some people take medicine for months, and many take it for
years. Staying on medicine as long as it helps is a sign of good care, not failure. If you ever
want to stop, talk with your prescriber so you can plan a safe, gradual change.</p>
<p>If you are pregnant, please do not stop opioids suddenly. Methadone and buprenorphine are
both recommended treatment options during pregnancy. Talk with a doctor as soon as you can.</p>
<h2>Common myths</h2>
<p><strong>"It is just replacing one drug with another."</strong> This is a very common worry.
SAMHSA explains that when taken as prescribed, these medicines do not produce the kind of high
that comes from misusing opioids. They help the brain and body stabilize so people can focus on
work, family and healing.</p>
<p><strong>"You are not really in recovery if you take medicine."</strong> Recovery is about
living a healthier, fuller life. Medicine is a tool that helps many people get there, just like
medicine for diabetes or high blood pressure.</p>
<p><strong>"Medicine is only for people who have tried everything else."</strong> You do not
have to hit rock bottom first. Medicine can be part of treatment from the very beginning.</p>
<blockquote>If someone shows signs of an opioid overdose, such as being unable to wake up, slow
or stopped breathing, or blue or gray lips, call 911 and give naloxone if you have it. If you
are having thoughts of suicide, call or text 988.</blockquote>
<p>Medicine for opioid use disorder has helped many people step out of a cycle of withdrawal
and cravings and back into their lives. If you would like to learn whether it could help you or
someone you love, you can call us or request a call back. We will answer your questions
honestly and help you find care that feels right.</p>
""",
        "sources": [
            {
                "title": "Medications for Substance Use Disorders",
                "url": "https://www.samhsa.gov/medications-substance-use-disorders",
                "publisher": "Substance Abuse and Mental Health Services Administration",
            },
            {
                "title": "Opioid Use Disorder (OUD)",
                "url": "https://medlineplus.gov/opioidusedisorderoud.html",
                "publisher": "MedlinePlus, U.S. National Library of Medicine",
            },
            {
                "title": "Opioids",
                "url": "https://nida.nih.gov/research-topics/opioids",
                "publisher": "National Institute on Drug Abuse",
            },
        ],
        "image_alt": (
            "Abstract illustration in calm blue and soft peach: three rounded shapes side by side "
            "supporting a gently rising line, representing the medicines that support recovery "
            "from opioid use disorder."
        ),
        "days_ago": 24,
    },
]

DRAFT_ARTICLE = {
    "slug": "talking-to-a-loved-one-about-their-drinking",
    "title": "Talking to a Loved One About Their Drinking",
    "category": "alcohol",
    "summary": (
        "Worried about someone's drinking? Practical, gentle ways to start the conversation, what "
        "to say and what to avoid, how to respond if they push back, and how to look after "
        "yourself along the way."
    ),
    "body": """\
<p>Watching someone you love struggle with alcohol can be painful and confusing. You may feel
worried, angry, sad and helpless all at once. You may also be afraid that bringing it up will
make things worse. These feelings are normal, and caring enough to say something is a gift,
even when it does not feel like one.</p>
<p>There is no perfect script, but some approaches tend to go better than others. Here are some
ideas to help you prepare.</p>
<h2>Before you talk</h2>
<p>A little preparation can help the conversation go more smoothly:</p>
<ul>
<li><strong>Pick a good time.</strong> Choose a calm, private moment when your loved one is
sober and you are not rushed or upset. Avoid talking in the middle of an argument or right
after a drinking episode.</li>
<li><strong>Think about what you have noticed.</strong> Write down a few specific examples of
how drinking has affected them or you, such as missed events or health worries.</li>
<li><strong>Learn about options.</strong> Find out about local treatment programs, counselors
or support groups, so you can offer concrete help if they are open to it.</li>
<li><strong>Know your goal.</strong> For a first talk, the goal may simply be to share your
concern and keep the door open, not to solve everything at once.</li>
</ul>
<h2>What to say</h2>
<p>Lead with care. Start by letting them know you love them and that you are speaking up
because you are worried, not to blame them.</p>
<p>Use "I" statements, which describe your own feelings rather than accusing. For example, "I
felt scared when you drove home after the party," instead of "You are always drunk." Talk about
specific events and their effects, not labels such as "alcoholic," which can make people
defensive.</p>
<p>Try to stay calm and kind, even if the talk becomes emotional. Keep your voice gentle, take
breaks if you need to, and remind them that you are on their side.</p>
<p>Then listen. Ask open questions, such as "How do you feel about your drinking?" or "What do
you think would help?" Let them talk without interrupting. Listening closely can help them feel
respected and more willing to think about change.</p>
<h2>What to avoid</h2>
<ul>
<li>Lecturing, shaming or making threats you do not intend to carry out</li>
<li>Trying to talk while they are drinking or hungover</li>
<li>Covering up for them or making excuses to others</li>
<li>Expecting one conversation to change everything</li>
</ul>
<h2>If they push back</h2>
<p>Your loved one may deny there is a problem, get angry or change the subject. This is common
and does not mean you failed. Stay calm, repeat that you care, and let them know you are there
when they are ready to talk. Sometimes people need time to think about what they heard.</p>
<p>Research-backed family approaches, such as Community Reinforcement and Family Training,
teach loved ones how to encourage change while protecting their own well-being. A counselor can
help you learn these skills.</p>
<blockquote>If your loved one drinks heavily every day and wants to stop, encourage them to
talk to a doctor first. Stopping suddenly can cause dangerous withdrawal, including seizures.
Call 911 if they have a seizure, become very confused, cannot be woken, or have trouble
breathing. If they talk about ending their life, call or text 988.</blockquote>
<h2>Taking care of yourself</h2>
<p>Supporting someone with a drinking problem is tiring. You matter too. Support groups for
families and friends, such as Al-Anon, can help you feel less alone. Counseling can give you a
safe place to sort through your own feelings. If you ever feel unsafe at home, reach out for
help right away.</p>
<p>Change often happens slowly, and your care can make a real difference over time. If you
would like advice on how to start the conversation or what kind of help might fit your loved
one, you can call us or request a call back. We are here for families too.</p>
""",
    "sources": [
        {
            "title": "Alcohol Use Disorder (AUD)",
            "url": "https://medlineplus.gov/alcoholusedisorderaud.html",
            "publisher": "MedlinePlus, U.S. National Library of Medicine",
        },
        {
            "title": "SAMHSA's National Helpline",
            "url": "https://www.samhsa.gov/find-help/national-helpline",
            "publisher": "Substance Abuse and Mental Health Services Administration",
        },
    ],
    "image_alt": (
        "Abstract illustration in warm terracotta and soft blue: two rounded figures sitting close"
        " together beneath a gentle arc of light, suggesting a caring conversation about drinking."
    ),
}

SCHEDULED_ARTICLE = {
    "slug": "what-to-expect-when-you-stop-using-stimulants",
    "title": "What to Expect When You Stop Using Stimulants",
    "category": "stimulants",
    "summary": (
        "Stopping meth, cocaine or other stimulants can bring exhaustion, low mood, hunger and "
        "strong cravings. Learn what the first weeks can feel like, which signs need urgent help, "
        "and how support makes recovery easier."
    ),
    "body": """\
<p>Deciding to stop using methamphetamine, cocaine or other stimulants is a big step. It is
natural to wonder how you will feel once you stop. Knowing what to expect can make the hard
days feel less scary and help you recognize that what you are feeling is a normal part of
healing.</p>
<h2>Why stopping feels hard</h2>
<p>Stimulants push the brain to release large amounts of dopamine, a chemical messenger tied to
energy, motivation and pleasure. With repeated use, the brain adjusts to that flood. When the
drug is gone, the brain's reward system can feel worn out for a while. That is why many people
feel flat, tired and low after they stop. It is a sign the brain is working to rebalance, not a
sign that something is wrong with you.</p>
<h2>Common feelings in the first weeks</h2>
<p>Everyone's experience is different, but many people notice:</p>
<ul>
<li>Deep tiredness and sleeping much more than usual, especially at first</li>
<li>Feeling down, empty or unable to enjoy things</li>
<li>Anxiety, irritability or restlessness</li>
<li>A bigger appetite</li>
<li>Trouble focusing or remembering things</li>
<li>Vivid or unpleasant dreams</li>
<li>Strong cravings, which may come in waves</li>
</ul>
<p>For many people, the heaviest symptoms ease over the first days and weeks. Low mood, poor
sleep and cravings can last longer, sometimes for months. They usually become less intense over
time, especially with support.</p>
<h2>When to get help right away</h2>
<p>Stimulant withdrawal is not usually physically dangerous in the way that alcohol or
benzodiazepine withdrawal can be. But it can cause deep depression, and some people have
thoughts of suicide. It is also common to use other substances, such as alcohol or sleep aids,
to cope, which carries its own risks.</p>
<blockquote>If you are having thoughts of suicide or of hurting yourself, call or text 988 to
reach the 988 Suicide and Crisis Lifeline, at any time. Call 911 for chest pain, a seizure,
trouble breathing, severe confusion or signs of a stroke. If opioids such as fentanyl could be
involved and someone cannot be woken, give naloxone and call 911.</blockquote>
<p>If you have been using other substances along with stimulants, such as alcohol,
benzodiazepines or opioids, please talk with a doctor before you stop. Withdrawal from those
can need medical care.</p>
<h2>Ways to get through it</h2>
<p>Small, steady steps can help a lot in the early weeks:</p>
<ul>
<li>Let yourself rest. Sleeping a lot at first is common.</li>
<li>Eat regular meals and drink water, even if you do not feel like it.</li>
<li>Move your body gently, such as a short walk outside.</li>
<li>Stay away from people, places and things you link with using, if you can.</li>
<li>Tell someone you trust what you are going through, and let them check in.</li>
<li>Write down your reasons for stopping and read them when cravings hit.</li>
<li>Remind yourself that a craving is a wave. It rises, peaks and passes, even when it feels
like it will last forever.</li>
</ul>
<p>Professional support makes recovery more likely. Treatments that help with stimulant use
include cognitive behavioral therapy, which teaches ways to handle cravings and triggers, and
contingency management, which offers small rewards for drug-free test results. A doctor can
also help with depression, anxiety or sleep problems that linger. At this time there are no
FDA-approved medicines specifically for stimulant addiction, but good care still makes a real
difference.</p>
<h2>Looking ahead</h2>
<p>The first weeks are often the hardest. Many people find that, with time, their energy
returns, sleep settles, and they begin to enjoy everyday things again. Your brain can heal, and
you deserve the chance to find out how good life can feel.</p>
<p>You do not have to get through this alone. If you would like support or want to talk about
treatment options, you can call us or request a call back, and someone from our team will be
there to listen.</p>
""",
    "sources": [
        {
            "title": "Methamphetamine",
            "url": "https://nida.nih.gov/research-topics/methamphetamine",
            "publisher": "National Institute on Drug Abuse",
        },
        {
            "title": "Cocaine",
            "url": "https://nida.nih.gov/research-topics/cocaine",
            "publisher": "National Institute on Drug Abuse",
        },
        {
            "title": "988 Suicide and Crisis Lifeline",
            "url": "https://www.samhsa.gov/find-help/988",
            "publisher": "Substance Abuse and Mental Health Services Administration",
        },
    ],
    "image_alt": (
        "Abstract illustration in soft dawn pinks and calm blue: a pale sun rising slowly over "
        "gentle rolling hills, representing the first weeks of recovery after stopping stimulants."
    ),
    "days_ahead": 7,
}
