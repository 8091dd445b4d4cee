"""The query page in a real headless Chromium: run a query, see the table and the graph."""

from __future__ import annotations

import shutil
import tempfile
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
