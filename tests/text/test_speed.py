"""The miners stay linear and fast: 10 KB of dense background prose mines in milliseconds
(the bound here is loose, to catch a quadratic slip, not to benchmark)."""

from __future__ import annotations

import time
from collections.abc import Callable

from kg.text.aims import mine_aim
from kg.text.dosing import parse_doses
from kg.text.evidence import mine_cited_results
from kg.text.mechanisms import mine_mechanisms
from kg.text.spots import Spot
from tests.text.conftest import FakeSpotter


class Remembered:
    """The fake spotter's answer computed once, so only the miner is timed."""

    def __init__(self, spotter: FakeSpotter, text: str) -> None:
        self.spotter, self.text, self.spots = spotter, text, spotter.spot(text)

    def spot(self, text: str) -> list[Spot]:
        return self.spots if text == self.text else self.spotter.spot(text)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def test_ten_kilobytes_in_milliseconds(seed: Callable[[str], str], spotter: FakeSpotter) -> None:
    prose = seed("000")[: seed("000").index("Study Design")]
    text = ((prose + "\n\n") * 2)[:10240]
    remembered = Remembered(spotter, text)
    for miner in (mine_cited_results, mine_mechanisms, parse_doses, mine_aim):
        assert best_of(3, lambda m=miner: m(text, remembered)) < 0.06, miner.__name__


def test_one_long_sentence_full_of_numbers_stays_linear(spotter: FakeSpotter) -> None:
    unit = "ORR {0}% and PFS {0}.5 months, respectively (95% CI, 1-2) "
    small = "".join(unit.format(i) for i in range(40))
    large = "".join(unit.format(i) for i in range(160))
    t_small = best_of(3, lambda: mine_cited_results(small, spotter))
    t_large = best_of(3, lambda: mine_cited_results(large, spotter))
    assert len(mine_cited_results(large, spotter)) == 320
    assert t_large < 10 * t_small + 0.01  # 4x the text, far from 16x
