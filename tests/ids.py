"""Named test constants: IRIs and ids the tests assert against."""

ID = "https://w3id.org/trialkg/id/"
ANLOTINIB = ID + "drug/anlotinib"
PENPULIMAB = ID + "drug/penpulimab"
BENMELSTOBART = ID + "drug/benmelstobart"
SINTILIMAB = "http://identifiers.org/chembl.compound/CHEMBL4297829"
CARBOPLATIN = "http://identifiers.org/chembl.compound/CHEMBL1351"
ICI_CLASS = ID + "drugclass/immune-checkpoint-inhibitor"
KDR = "http://identifiers.org/hgnc/6307"
FLT1 = "http://identifiers.org/hgnc/3763"
PDCD1 = "http://identifiers.org/hgnc/8760"
ANLOTINIB_TARGETS = {
    "FLT1",
    "KDR",
    "FLT4",
    "FGFR1",
    "FGFR2",
    "FGFR3",
    "FGFR4",
    "PDGFRA",
    "PDGFRB",
    "KIT",
}
NCT_000 = "NCT06048315"
NCT_001 = "NCT05001971"
NCT_003 = "NCT07022301"
NCT_004 = "NCT06931145"
