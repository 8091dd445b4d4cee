"""Speed of the free-text miners on dense prose, with the real lexicon spotter.

Prints the spotter's best-of-N CPU time on 10 KB of seed 000's background text (first
spotting, then a text spotted before, whose spots the vocabulary remembers), per miner the
best-of-N CPU time on the same text, and the scaling of the cited-results miner from a
40-result sentence to a 160-result one (a ratio near 4 is linear; near 16 would be
quadratic), measured in the same run.

    .venv/bin/python benchmarks/text_miners.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from kg.normalize.lexicon import Lexicon
from kg.normalize.spotter import LexiconSpotter
from kg.text.aims import mine_aim
from kg.text.dosing import parse_doses
from kg.text.evidence import mine_cited_results
from kg.text.mechanisms import mine_mechanisms
from kg.text.spots import Spot

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9a5221bcea9ebcfb.txt"


class Remembered:
    """A spotter whose answer for one text is computed once, so only the miner is timed."""

    def __init__(self, spotter: LexiconSpotter, text: str) -> None:
        self.spotter, self.text, self.spots = spotter, text, spotter.spot(text)

    def spot(self, text: str) -> list[Spot]:
        return self.spots if text == self.text else self.spotter.spot(text)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    spotter = LexiconSpotter(Lexicon.load())
    raw = SEED.read_text()
    prose = raw[: raw.index("Study Design")]
    text = ((prose + "\n\n") * 2)[:10240]

    def first_spotting() -> object:
        spotter.vocabulary.forget()
        return spotter.spot(text)

    print(f"spotter on {len(text)} chars: {best_of(10, first_spotting) * 1000:.2f} ms")
    print(f"spotter, remembered text: {best_of(10, lambda: spotter.spot(text)) * 1000:.3f} ms")
    remembered = Remembered(spotter, text)
    for miner in (mine_cited_results, mine_mechanisms, parse_doses, mine_aim):
        ms = best_of(20, lambda m=miner: m(text, remembered)) * 1000
        print(f"{miner.__name__:<22} {ms:7.2f} ms")
    unit = "ORR {0}% and PFS {0}.5 months, respectively (95% CI, 1-2) "
    small = "".join(unit.format(i) for i in range(40))
    large = "".join(unit.format(i) for i in range(160))
    t_small = best_of(5, lambda: mine_cited_results(small, spotter))
    t_large = best_of(5, lambda: mine_cited_results(large, spotter))
    print(f"cited results, 4x longer sentence: {t_large / t_small:.1f}x the time (baseline 1x)")


if __name__ == "__main__":
    main()
