"""Arms, interventions, dose components and the drugs they give -> quads."""

from __future__ import annotations

from kg.namespaces import RDFS, TKG, Terms, mint, named
from kg.normalize.lexicon import Concept, Lexicon
from kg.rdf.builder import GraphBuilder
from kg.records import Dose, Intervention, TrialRecord

T = Terms(TKG)
LABEL = str(RDFS.label)


def resolve_name(lexicon: Lexicon, name: str) -> Concept:
    """A drug or drug class for a name as written; an unresolved drug when none matches."""
    found = lexicon.resolve(name)
    if found is not None:
        return found
    return Concept(named("drug", name), name.strip().lower(), "drug", "unresolved", 0.0)


def add_concept_node(b: GraphBuilder, concept: Concept) -> None:
    """A drug the reference graph does not know lives in the document's graph, flagged."""
    if concept.method == "unresolved":
        b.node(concept.iri, T.Drug)
        b.add(concept.iri, LABEL, concept.label)
        b.add(concept.iri, T.unresolved, True)


def add_arms_and_interventions(
    b: GraphBuilder, trial: str, r: TrialRecord, lexicon: Lexicon
) -> None:
    by_name: dict[str, str] = {}
    agents: dict[str, list[str]] = {}  # intervention node -> the drugs and classes it gives
    for iv in r.interventions:
        node, agents[node] = _intervention(b, trial, iv, lexicon)
        by_name[iv.name.value.strip().lower()] = node
        b.link(trial, T.hasIntervention, node)
    _gives(b, trial, T.givesAgent, [a for given in agents.values() for a in given])
    for arm in r.arms:
        node = b.node(mint("arm", trial, arm.label.value), T.Arm)
        b.link(trial, T.hasArm, node)
        b.spanned(node, LABEL, arm.label)
        b.add(node, T.armType, arm.type)
        b.spanned(node, T.description, arm.description)
        names = {n.strip().lower() for n in arm.intervention_names}
        names |= {iv.name.value.strip().lower() for iv in r.interventions
                  if arm.label.value in iv.arm_labels}  # fmt: skip
        if not names and arm.label.value.strip().lower() in by_name:
            names.add(arm.label.value.strip().lower())  # the arm and its intervention share a name
        given = [by_name[name] for name in sorted(names) if name in by_name]
        for iv_node in given:
            b.link(node, T.hasIntervention, iv_node)
        _gives(b, node, T.armGivesAgent, [a for iv_node in given for a in agents[iv_node]])


def _gives(b: GraphBuilder, subject: str, prop: str, agents: list[str]) -> None:
    """The shortcut from a trial or an arm to each drug or drug class its interventions give
    (``hasIntervention`` then ``drug`` or ``drugClass``), once each: whole-graph questions
    join it instead of walking every intervention (docs/decisions/0012)."""
    for agent in dict.fromkeys(agents):
        b.link(subject, prop, agent)


def _intervention(
    b: GraphBuilder, trial: str, iv: Intervention, lexicon: Lexicon
) -> tuple[str, list[str]]:
    """The intervention's node and the drugs and drug classes its components give."""
    node = b.node(mint("intervention", trial, iv.name.value), T.Intervention)
    b.spanned(node, LABEL, iv.name)
    b.add(node, T.interventionType, iv.type)
    b.spanned(node, T.description, iv.description)
    b.add(node, T.statedInAim, True if iv.stated_in_aim else None)
    for other in iv.other_names:
        b.spanned(node, T.otherName, other)
    components = iv.components
    if not components and (iv.type in (None, "DRUG", "BIOLOGICAL", "COMBINATION_PRODUCT")):
        components = (Dose(drug=iv.name),)  # a drug named only by the intervention
    nodes: dict[int, list[str]] = {}
    agents: list[str] = []
    for ordinal, dose in enumerate(components):
        given = _component(b, node, ordinal, dose, lexicon, iv)
        if given is None:
            continue
        c, agent = given
        agents.append(agent)
        if dose.alternative_group is not None:
            nodes.setdefault(dose.alternative_group, []).append(c)
    for group in nodes.values():
        for one in group:
            for another in group:
                if one != another:
                    b.link(one, T.alternativeTo, another)
    return node, agents


def _component(
    b: GraphBuilder, intervention: str, ordinal: int, dose: Dose, lexicon: Lexicon, iv: Intervention
) -> tuple[str, str] | None:
    """The dose component's node and the drug or drug class it gives; None for what is
    not a drug."""
    concept = resolve_name(lexicon, dose.drug.value)
    if concept.method == "unresolved" and iv.other_names:
        for other in iv.other_names:  # a code or brand in otherNames may resolve it
            found = lexicon.resolve(other.value)
            if found is not None:
                concept = Concept(found.iri, found.label, found.kind, "other-name", found.score)
                break
    if concept.method == "unresolved" and (iv.type not in (None, "DRUG", "BIOLOGICAL")):
        return None  # a procedure or a device is not a drug
    node = b.node(mint("component", intervention, ordinal, dose.drug.value), T.DoseComponent)
    b.link(intervention, T.hasComponent, node)
    prop = T.drugClass if concept.kind == "drug-class" else T.drug
    b.link(node, prop, concept.iri)
    b.link(intervention, prop, concept.iri)
    add_concept_node(b, concept)
    b.spanned(node, T.surfaceForm, dose.drug)
    b.add(node, T.matchMethod, concept.method)
    b.add(node, T.matchScore, round(concept.score, 3))
    b.add(node, T.dose, dose.dose)
    b.add(node, T.doseHigh, dose.dose_high)
    b.add(node, T.doseUnit, dose.unit)
    b.add(node, T.maxDose, dose.max_dose)
    b.add(node, T.maxDoseUnit, dose.max_dose_unit)
    b.add(node, T.route, dose.route)
    b.spanned(node, T.schedule, dose.schedule)
    b.add(node, T.frequency, dose.frequency)
    b.add(node, T.cycleDays, dose.cycle_days)
    b.spanned(node, T.doseText, dose.text)
    return node, concept.iri
