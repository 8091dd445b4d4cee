"""Free text for synthetic records: drug names as trials write them, mechanism statements,
quoted results of earlier studies, background prose and eligibility criteria.

Every function takes the record's ``random.Random`` so a record is a pure function of its
seed; the names come from :mod:`benchmarks.synth_vocab` (the reference graph).
"""

from __future__ import annotations

import random

from benchmarks.synth_vocab import Drug, Target

#: how a trial writes a drug's name: (share, kind); the rest is the INN
NAME_KINDS = ((0.10, "code"), (0.05, "brand"), (0.06, "salt"), (0.05, "synonym"), (0.04, "typo"))

VERBS = {
    "inhibitor": ("inhibits", "selectively inhibits", "potently inhibits", "blocks"),
    "antagonist": ("antagonizes", "blocks"),
    "cross-linking agent": ("cross-links",),
    "stabiliser": ("stabilizes",),
    "binding agent": ("binds",),
    "alkylating agent": ("alkylates",),
}

SYLLABLES = ("ka", "lo", "ren", "vi", "to", "mar", "sel", "qu", "an", "tri", "zo", "pha", "gen")

BACKGROUND = (
    "{cond} remains one of the leading causes of cancer-related death worldwide, and most "
    "patients are diagnosed at an advanced stage when curative surgery is no longer possible.",
    "Despite recent progress, the prognosis of patients with {cond} who progress after "
    "first-line therapy remains poor, and effective later-line options are limited.",
    "Platinum-based doublet chemotherapy has long been the standard of care for {cond}, but "
    "responses are usually short-lived and toxicity accumulates with each cycle.",
    "Combining agents with complementary mechanisms may overcome primary and acquired "
    "resistance and prolong disease control in {cond}.",
    "Angiogenesis and immune evasion are two hallmarks of cancer that interact closely in the "
    "tumour microenvironment of {cond}.",
    "Biomarker-selected populations have shown the largest benefit from targeted therapy, yet "
    "many patients with {cond} have no actionable alteration.",
)

INCLUSION = (
    "Histologically or cytologically confirmed {cond}.",
    "Age 18 to 75 years at the time of signing the informed consent form.",
    "ECOG performance status of 0 or 1.",
    "At least one measurable lesion according to RECIST version 1.1.",
    "Life expectancy of at least 12 weeks.",
    "Adequate bone marrow function: absolute neutrophil count >= 1.5 x 10^9/L, platelets "
    ">= 100 x 10^9/L and hemoglobin >= 90 g/L.",
    "Adequate liver function: total bilirubin <= 1.5 x ULN; ALT and AST <= 2.5 x ULN "
    "(<= 5 x ULN with liver metastases).",
    "Serum creatinine <= 1.5 x ULN or creatinine clearance >= 50 mL/min.",
    "Women of childbearing potential must have a negative pregnancy test within 7 days "
    "before the first dose and agree to use effective contraception.",
    "Disease progression after at least one prior line of systemic therapy for {cond}.",
    "Signed written informed consent.",
)

EXCLUSION = (
    "Prior treatment with {prior}.",
    "Known hypersensitivity to {drug} or to any of its excipients.",
    "Symptomatic or untreated brain metastases.",
    "Active autoimmune disease requiring systemic treatment in the past 2 years.",
    "Uncontrolled hypertension (systolic >= 150 mmHg or diastolic >= 100 mmHg despite medication).",
    "Major surgery within 4 weeks before the first dose of study treatment.",
    "History of interstitial lung disease or non-infectious pneumonitis requiring steroids.",
    "Active hepatitis B or hepatitis C infection, or known HIV infection.",
    "Other malignancy within 5 years, except adequately treated carcinoma in situ.",
    "Pregnant or breastfeeding women.",
    "Any condition that, in the opinion of the investigator, would interfere with the "
    "evaluation of the study treatment.",
)


def drug_name(rng: random.Random, drug: Drug) -> tuple[str, str]:
    """A name for ``drug`` as a trial would write it, and which kind of name it is."""
    draw = rng.random()
    for share, kind in NAME_KINDS:
        draw -= share
        if draw < 0:
            choices = {"code": drug.codes, "brand": drug.brands, "salt": drug.salts,
                       "synonym": drug.synonyms}.get(kind, ())  # fmt: skip
            if kind == "typo":
                return typo(rng, drug.name), kind
            if choices:
                return rng.choice(choices), kind
            break
    return drug.name.capitalize() if rng.random() < 0.7 else drug.name, "inn"


def typo(rng: random.Random, name: str) -> str:
    """A misspelling that keeps the first letter and the stem ending: one inner letter
    doubled or two inner letters swapped ("anlotiinib", "anoltinib")."""
    if len(name) < 7 or not name.isalpha():
        return name
    i = rng.randrange(1, len(name) - 4)
    if rng.random() < 0.5:
        return name[: i + 1] + name[i] + name[i + 1 :]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def target_name(rng: random.Random, target: Target) -> str:
    short = [s for s in target.synonyms if len(s) <= 12]
    return rng.choice(short) if short and rng.random() < 0.4 else target.symbol


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def mechanism_sentence(rng: random.Random, drug: Drug, name: str) -> str:
    """ "X is a <class> that inhibits A, B and C." over the drug's reference mechanisms."""
    by_action: dict[str, list[Target]] = {}
    for target, action in drug.mechanisms:
        by_action.setdefault(action, []).append(target)
    action = max(by_action, key=lambda a: len(by_action[a]))
    targets = by_action[action][:5]
    what = rng.choice(drug.classes) if drug.classes and drug.classes[0] else "agent"
    article = "an" if what[0].lower() in "aeiou" else "a"
    verb = rng.choice(VERBS.get(action, ("acts on",)))
    names = listing([target_name(rng, t) for t in targets])
    return f"{sentence_case(name)} is {article} {what} that {verb} {names}."


def study_name(rng: random.Random, drug: Drug) -> str:
    """A cited study's name: "AK105-201"-like from a code name, else a made-up acronym."""
    number = rng.choice((101, 102, 201, 202, 203, 301, 302, 303))
    if drug.codes and rng.random() < 0.6:
        return f"{rng.choice(drug.codes).replace(' ', '')}-{number}"
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).upper()
    return f"{word}-{number}"


def _ci(rng: random.Random, value: float, spread: float) -> tuple[float, float]:
    low = max(0.1, value - spread * rng.uniform(0.6, 1.0))
    return round(low, 1), round(value + spread * rng.uniform(0.6, 1.2), 1)


def result_sentences(rng: random.Random, study: str, name: str, condition: str) -> list[str]:
    """Quoted results of an earlier study: response rates with CIs, a PFS comparison with its
    hazard ratio, overall survival."""
    phase = rng.choice(("phase I", "phase Ib", "phase II", "phase III"))
    orr = round(rng.uniform(8, 65), 1)
    lo, hi = _ci(rng, orr, rng.uniform(6, 14))
    dcr = round(min(98.0, orr + rng.uniform(10, 35)), 1)
    pfs = round(rng.uniform(2.5, 14), 1)
    ctrl = round(pfs * rng.uniform(0.35, 0.8), 1)
    hr = round(rng.uniform(0.3, 0.9), 2)
    hlo, hhi = (
        round(hr * rng.uniform(0.6, 0.85), 2),
        round(min(0.99, hr * rng.uniform(1.15, 1.4)), 2),
    )
    os_ = round(rng.uniform(7, 30), 1)
    olo, ohi = _ci(rng, os_, rng.uniform(2, 5))
    return [
        f"In the {phase} {study} study of {name} in patients with {condition}, the objective "
        f"response rate (ORR) was {orr}% (95% CI {lo}–{hi}) and the disease control rate "
        f"was {dcr}%.",
        f"Median progression-free survival (PFS) was {pfs} vs {ctrl} months (HR {hr}, 95% CI "
        f"{hlo}–{hhi}; P < 0.001).",
        f"The median overall survival (OS) was {os_} months (95% CI, {olo}-{ohi}).",
    ]


def background(rng: random.Random, condition: str, count: int) -> list[str]:
    return [s.format(cond=condition) for s in rng.sample(BACKGROUND, k=count)]


def eligibility(rng: random.Random, condition: str, drug: str, prior: str) -> str:
    """A criteria text in the registry's shape: two headed lists of items."""
    inclusion = INCLUSION[:1] + tuple(rng.sample(INCLUSION[1:], k=rng.randint(6, 10)))
    exclusion = EXCLUSION[:2] + tuple(rng.sample(EXCLUSION[2:], k=rng.randint(5, 9)))
    fill = {"cond": condition, "drug": drug, "prior": prior}
    inc = "\n".join(f"* {s.format(**fill)}" for s in inclusion)
    exc = "\n".join(f"* {s.format(**fill)}" for s in exclusion)
    return f"Inclusion Criteria:\n\n{inc}\n\nExclusion Criteria:\n\n{exc}"


def sentence_case(text: str) -> str:
    """``text`` with its first letter capitalised (the rest as written: "TSR-042", "pH")."""
    return text[:1].upper() + text[1:]


def made_up_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
