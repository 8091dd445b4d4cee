"""A posted ``resultsSection`` for a synthetic study: outcome measures per arm with values and
confidence limits, and serious / other adverse events with counts (API v2 field names)."""

from __future__ import annotations

import random
from typing import Any

#: (term, organ system) as MedDRA writes them
EVENTS = (
    ("Neutropenia", "Blood and lymphatic system disorders"),
    ("Anaemia", "Blood and lymphatic system disorders"),
    ("Thrombocytopenia", "Blood and lymphatic system disorders"),
    ("Hypertension", "Vascular disorders"),
    ("Fatigue", "General disorders"),
    ("Diarrhoea", "Gastrointestinal disorders"),
    ("Nausea", "Gastrointestinal disorders"),
    ("Decreased appetite", "Metabolism and nutrition disorders"),
    ("Pneumonitis", "Respiratory, thoracic and mediastinal disorders"),
    ("Hypothyroidism", "Endocrine disorders"),
    ("Palmar-plantar erythrodysaesthesia syndrome", "Skin and subcutaneous tissue disorders"),
    ("Alanine aminotransferase increased", "Investigations"),
)


def results_section(rng: random.Random, arms: list[dict[str, Any]]) -> dict[str, Any]:
    at_risk = [rng.randint(15, 250) for _ in arms]
    groups = [
        {"id": f"OG{n:03d}", "title": arm["label"], "description": arm["description"]}
        for n, arm in enumerate(arms)
    ]
    measures = []
    for title, unit, low, high in (
        ("Progression-free Survival (PFS)", "months", 2.0, 14.0),
        ("Objective Response Rate (ORR)", "percentage of participants", 5.0, 60.0),
        ("Overall Survival (OS)", "months", 6.0, 30.0),
    )[: rng.randint(1, 3)]:
        values = [round(rng.uniform(low, high), 1) for _ in arms]
        measures.append(
            {
                "type": "PRIMARY" if not measures else "SECONDARY",
                "title": title,
                "description": f"{title} assessed by the investigator per RECIST 1.1.",
                "reportingStatus": "POSTED",
                "paramType": "MEDIAN" if unit == "months" else "NUMBER",
                "dispersionType": "95% Confidence Interval",
                "unitOfMeasure": unit,
                "timeFrame": "Up to 24 months",
                "groups": groups,
                "denoms": [
                    {
                        "units": "Participants",
                        "counts": [
                            {"groupId": g["id"], "value": str(n)}
                            for g, n in zip(groups, at_risk, strict=True)
                        ],
                    }
                ],  # fmt: skip
                "classes": [
                    {
                        "categories": [
                            {
                                "measurements": [
                                    {
                                        "groupId": g["id"],
                                        "value": str(v),
                                        "lowerLimit": str(round(v * 0.7, 1)),
                                        "upperLimit": str(round(v * 1.3, 1)),
                                    }
                                    for g, v in zip(groups, values, strict=True)
                                ]
                            }
                        ]
                    }
                ],  # fmt: skip
            }
        )
    event_groups = [
        {
            "id": f"EG{n:03d}",
            "title": arm["label"],
            "seriousNumAffected": rng.randint(0, risk // 3),
            "seriousNumAtRisk": risk,
            "otherNumAffected": rng.randint(risk // 3, risk),
            "otherNumAtRisk": risk,
        }  # fmt: skip
        for n, (arm, risk) in enumerate(zip(arms, at_risk, strict=True))
    ]
    events = rng.sample(EVENTS, k=rng.randint(4, 9))
    split = rng.randint(1, 3)

    def listed(chosen: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "term": term,
                "organSystem": system,
                "sourceVocabulary": "MedDRA (25.0)",
                "assessmentType": "SYSTEMATIC_ASSESSMENT",
                "stats": [
                    {
                        "groupId": g["id"],
                        "numAffected": rng.randint(0, risk // 2),
                        "numAtRisk": risk,
                    }
                    for g, risk in zip(event_groups, at_risk, strict=True)
                ],
            }  # fmt: skip
            for term, system in chosen
        ]

    return {
        "outcomeMeasuresModule": {"outcomeMeasures": measures},
        "adverseEventsModule": {
            "frequencyThreshold": "5",
            "timeFrame": "From the first dose to 30 days after the last dose",
            "eventGroups": event_groups,
            "seriousEvents": listed(events[:split]),
            "otherEvents": listed(events[split:]),
        },
    }
