"""Target size on touch screens: WCAG 2.2 2.5.8 (24 × 24 CSS px), and 44 px for typing and saving."""

from playwright.sync_api import Page

MIN_TARGET = 24
MIN_TALL = 44
_TEXT_TYPES = "text number date time email password search tel url"
TEXT_INPUTS = ", ".join(
    ["main textarea", "main input:not([type])"]
    + [f"main input[type={kind}]" for kind in _TEXT_TYPES.split()]
)
TARGETS = (
    "main a, main button, main select, main input[type=radio], main input[type=checkbox], "
    + TEXT_INPUTS
)
_BOXES = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map(el => {
    const box = el.getBoundingClientRect();
    return {width: box.width, height: box.height, html: el.outerHTML.slice(0, 120)};
  })"""


def _boxes(page: Page, selector: str) -> list[dict]:
    return page.evaluate(_BOXES, selector)


def small_targets(page: Page, label: str, tall: str) -> list[str]:
    """Visible targets in main under 24 × 24 px, and text inputs or `tall` under 44 px high."""
    targets = _boxes(page, TARGETS)
    problems = [
        f"{label}: {b['width']:.0f}×{b['height']:.0f} px, under {MIN_TARGET} px: {b['html']}"
        for b in targets
        if b["width"] < MIN_TARGET or b["height"] < MIN_TARGET
    ]
    problems += [
        f"{label}: {b['height']:.0f} px high, under {MIN_TALL} px: {b['html']}"
        for b in _boxes(page, f"{TEXT_INPUTS}, {tall}")
        if b["height"] < MIN_TALL
    ]
    if not targets or not _boxes(page, tall):
        problems.append(f"{label}: no targets (or nothing matching {tall}) found in main")
    return problems
