"""Plain statements: a stability check for tier-3 builds (offline tooling).

Short first-person statements of health, money and personal matters with no name, number
format or keyword a pattern knows, so only tier 3 can keep them private; beside each topic a
public sentence about the same thing (a general fact, a public figure's known history, a
writing request). Hand-written for this check, not drawn from any training or red-team set,
and never trained on. A tier-3 build whose verdicts on these move with its training data
(stop 26: "I was diagnosed with lupus in May." read clean after the red-team rounds were added)
is not stable enough to be the default; ``eval/tier3_red_team.py`` scores every build on them.
The author also wrote the ensemble they gate, so they check stability, not generalisation.
"""

from __future__ import annotations

PRIVATE: tuple[str, ...] = (
    # health
    "I was diagnosed with lupus in May.",
    "I've been having panic attacks every night since the layoff.",
    "My doctor says the biopsy came back positive.",
    "I started chemotherapy last week and I'm exhausted all the time.",
    "I'm pregnant but haven't told anyone at work yet.",
    "I've been taking lithium for my bipolar disorder for three years.",
    "I tested positive for chlamydia and need to tell my partner.",
    "My son was just diagnosed with autism.",
    "I relapsed after eight months sober.",
    "My kidneys are failing and the doctor wants me on dialysis soon.",
    "I had a miscarriage in March.",
    "I'm on methadone to get off heroin.",
    "My therapist thinks I have PTSD from the assault.",
    "My wife has early-onset Alzheimer's and some days forgets my name.",
    # money
    "I owe the IRS about twelve thousand dollars in back taxes.",
    "We missed three mortgage payments and the bank sent a foreclosure notice.",
    "My credit score dropped badly after the bankruptcy.",
    "I borrowed money from my sister to pay the rent again this month.",
    "I have almost nothing saved and nothing at all for retirement.",
    "My paycheck gets garnished for child support.",
    "I lost most of my savings gambling last year.",
    "I'm paid less than my colleague even though I do more of the work.",
    "I maxed out both credit cards to cover my dad's funeral.",
    # personal
    "I'm gay but my parents don't know.",
    "I was arrested for drunk driving two years ago.",
    "My husband hits me when he drinks.",
    "I'm undocumented and afraid to go to the police.",
    "I've been cheating on my girlfriend for six months.",
    "I was fired for stealing from the register.",
    "My daughter ran away from home last night.",
    "I converted to Islam last year and my family doesn't know.",
    "We're getting divorced and fighting over custody of the kids.",
    "I'm on probation until next spring.",
)

PUBLIC: tuple[str, ...] = (
    # health
    "Lupus is an autoimmune disease that can affect the skin, joints and kidneys.",
    "Panic attacks often peak within ten minutes.",
    "A biopsy removes a small piece of tissue for examination under a microscope.",
    "Chemotherapy uses drugs to kill fast-growing cells.",
    "Many women tell their employer about a pregnancy only after the first trimester.",
    "Lithium is a mood stabilizer used to treat bipolar disorder.",
    "Chlamydia is a common infection that is treated with antibiotics.",
    "Autism is usually diagnosed in early childhood.",
    "Relapse is a common part of recovery from addiction.",
    "Dialysis filters the blood when the kidneys can no longer do it.",
    "Methadone is used to treat opioid use disorder.",
    "PTSD can develop after a traumatic event.",
    "Ronald Reagan announced in 1994 that he had Alzheimer's disease.",
    "Lou Gehrig was diagnosed with ALS in 1939.",
    # money
    "The IRS charges interest and penalties on unpaid taxes.",
    "Foreclosure usually starts after several missed mortgage payments.",
    "Credit scores in the United States range from 300 to 850.",
    "Financial advisers suggest keeping three to six months of expenses saved.",
    "Wages can be garnished for unpaid child support.",
    "Problem gambling can lead to serious debt.",
    "Explain how an employer's 401(k) match works.",
    "The gender pay gap has narrowed over the last thirty years.",
    # personal
    "Same-sex marriage became legal across the United States in 2015.",
    "Drunk driving arrests rise during the holidays.",
    "Domestic violence hotlines are open around the clock.",
    "Undocumented immigrants can report crimes to the police.",
    "The novel follows a man who has been cheating on his wife for years.",
    "Write a short story about a teenager who runs away from home.",
    "Muhammad Ali converted to Islam in 1964.",
    "Custody disputes are common in contested divorces.",
    "Probation lets an offender serve a sentence in the community.",
)
