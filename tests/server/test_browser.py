"""The query page in a real headless Chromium: run a query, see the table and the graph."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.sample import TRIAL

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="needs Debian's chromium and chromium-driver (bash scripts/ci-servers.sh browser)",
    ),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Selenium, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, css: str, count: int = 1, seconds: float = 20) -> list[Any]:
    """The elements matching ``css`` once there are at least ``count`` of them."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d: Any) -> Any:
        elements = d.find_elements(By.CSS_SELECTOR, css)
        return elements if len(elements) >= count else False

    return WebDriverWait(driver, seconds).until(found)


def test_query_shows_table_and_escapes_text(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    d = browser
    d.get(base_url + "/")
    wait_for(d, "body[data-ready=true]")
    Select(d.find_element(By.ID, "examples")).select_by_value("trials")
    d.find_element(By.ID, "run").click()
    cells = wait_for(d, "#results tbody td")
    text = " ".join(c.text for c in cells)
    assert TRIAL in text
    # the title's markup is shown as text, and its script never ran
    assert "<script>window.pwned=1</script>" in text and "<b>plus</b>" in text
    assert d.execute_script("return window.pwned === undefined")


def test_named_query_with_parameter(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    d = browser
    d.get(base_url + "/")
    wait_for(d, "body[data-ready=true]")
    Select(d.find_element(By.ID, "examples")).select_by_value("trials-by-drug")
    d.find_element(By.ID, "param-drug").send_keys("AK105")
    d.find_element(By.ID, "run").click()
    cells = wait_for(d, "#results tbody td")
    assert TRIAL in " ".join(c.text for c in cells)


def test_trial_graph_and_construct_graph(browser: Any, base_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(base_url + "/")
    wait_for(d, "body[data-ready=true]")
    d.find_element(By.ID, "trial").send_keys(TRIAL)
    d.find_element(By.ID, "show-graph").click()
    nodes = wait_for(d, "#graph g.node", count=6)
    types = {n.get_attribute("data-type") for n in nodes}
    assert {"Trial", "Drug", "Target", "Condition", "Organization"} <= types
    labels = " ".join(t.text for t in d.find_elements(By.CSS_SELECTOR, "#graph text"))
    assert "anlotinib" in labels and "Akeso, Inc. & Partners" in labels
    d.save_screenshot(str(tmp_path / "graph.png"))

    editor = d.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(
        "PREFIX tkg: <https://w3id.org/trialkg/vocab#>\n"
        "CONSTRUCT { ?t tkg:hasCondition ?c } WHERE { ?t tkg:hasCondition ?c }"
    )
    d.find_element(By.ID, "run").click()
    wait_for(d, "#graph g.node[data-type='']", count=1)
    assert len(d.find_elements(By.CSS_SELECTOR, "#graph g.node")) == 2
    assert "2 nodes, 1 links" in d.find_element(By.ID, "status").text


def show_trial_graph(d: Any, base_url: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    d.get(base_url + "/")
    wait_for(d, "body[data-ready=true]")
    d.find_element(By.ID, "trial").send_keys(TRIAL)
    d.find_element(By.ID, "show-graph").click()
    return wait_for(d, "#graph g.node", count=6)


def test_trial_neighbourhood_nodes_and_escaped_labels(browser: Any, base_url: str) -> None:
    """Every node of the trial's neighbourhood is drawn; a name with markup stays text."""
    from selenium.webdriver.common.by import By

    d = browser
    nodes = show_trial_graph(d, base_url)
    drawn = {n.get_attribute("data-id"): n.get_attribute("data-type") for n in nodes}
    assert Counter(drawn.values()) == {"Trial": 1, "Intervention": 2, "Drug": 2,
                                       "Mechanism": 11, "Target": 11, "Condition": 1,
                                       "Sponsorship": 1, "Organization": 1}  # fmt: skip
    assert {n for n, t in drawn.items() if t not in ("Mechanism", "Target")} == {
        f"https://clinicaltrials.gov/study/{TRIAL}",
        "https://w3id.org/trialkg/id/iv1",
        "https://w3id.org/trialkg/id/iv2",
        "https://w3id.org/trialkg/id/drug/anlotinib",
        "https://w3id.org/trialkg/id/drug/penpulimab",
        "http://id.nlm.nih.gov/mesh/D055752",
        "https://w3id.org/trialkg/id/sp1",
        "https://w3id.org/trialkg/id/org/akeso",
    }
    targets = {
        t.text for t in d.find_elements(By.CSS_SELECTOR, "#graph g.node[data-type=Target] text")
    }
    # anlotinib's reference targets and penpulimab's
    assert targets == {"FGFR1", "FGFR2", "FGFR3", "FGFR4", "FLT1", "FLT4", "KDR", "KIT",
                       "PDGFRA", "PDGFRB", "PDCD1"}  # fmt: skip
    labels = [t.text for t in d.find_elements(By.CSS_SELECTOR, "#graph g.node text")]
    assert "Anlotinib <img src=x onerror=pwned=2>" in labels
    assert d.find_elements(By.CSS_SELECTOR, "#graph img") == []
    assert d.execute_script("return window.pwned === undefined")


def attrs(element: Any, *names: str) -> tuple[float, ...]:
    return tuple(float(element.get_attribute(n)) for n in names)


def test_graph_nodes_drag_and_view_zooms_and_pans(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By

    d = browser
    show_trial_graph(d, base_url)
    trial = f"#graph g.node[data-id='https://clinicaltrials.gov/study/{TRIAL}'] circle"
    circle = d.find_element(By.CSS_SELECTOR, trial)
    x, y = attrs(circle, "cx", "cy")
    # the links drawn from the trial start where it is
    starts = [attrs(line, "x1", "y1") for line in d.find_elements(By.CSS_SELECTOR, "#graph line")]
    assert starts.count((x, y)) >= 4

    # drag the trial by (60, 40) screen pixels: it and the ends of its links follow
    scale = d.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.width / arguments[0].viewBox.baseVal.width;",
        d.find_element(By.ID, "graph"),
    )
    ActionChains(d).click_and_hold(circle).move_by_offset(60, 40).release().perform()
    nx, ny = attrs(circle, "cx", "cy")
    assert abs(nx - x - 60 / scale) < 2 and abs(ny - y - 40 / scale) < 2
    moved = [attrs(line, "x1", "y1") for line in d.find_elements(By.CSS_SELECTOR, "#graph line")]
    assert moved.count((nx, ny)) == starts.count((x, y))

    # the wheel zooms in about the pointer
    svg = d.find_element(By.ID, "graph")
    viewport = d.find_element(By.CSS_SELECTOR, "#graph g.viewport")
    assert viewport.get_attribute("transform") == "translate(0 0) scale(1)"
    ActionChains(d).scroll_from_origin(ScrollOrigin.from_element(svg), 0, -300).perform()
    wait_for(d, "#graph:not([data-scale='1.000'])")
    assert float(svg.get_attribute("data-scale")) > 1.5

    # dragging the background (its top-left corner, away from nodes) pans, by as much
    x0, y0, k = transform(viewport)
    corner = (-svg.size["width"] // 2 + 5, -svg.size["height"] // 2 + 5)
    ActionChains(d).move_to_element_with_offset(svg, *corner).click_and_hold().move_by_offset(
        50, 30
    ).release().perform()
    x1, y1, k1 = transform(viewport)
    assert k1 == k and abs(x1 - x0 - 50 / scale) < 2 and abs(y1 - y0 - 30 / scale) < 2
    ActionChains(d).double_click(svg).perform()  # resets
    assert viewport.get_attribute("transform") == "translate(0 0) scale(1)"


def transform(viewport: Any) -> tuple[float, float, float]:
    """(x, y, scale) of the graph view's ``translate(x y) scale(k)``."""
    found = re.fullmatch(
        r"translate\((\S+) (\S+)\) scale\((\S+)\)", viewport.get_attribute("transform")
    )
    assert found is not None
    return float(found[1]), float(found[2]), float(found[3])


def test_server_errors_are_shown(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(base_url + "/")
    wait_for(d, "body[data-ready=true]")
    editor = d.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("DROP ALL")
    d.find_element(By.ID, "run").click()
    wait_for(d, "#status.error")
    assert "error 403" in d.find_element(By.ID, "status").text
