"""Answer the web survey through its HTML, as a resident would."""

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def default_answer(page: BeautifulSoup) -> dict[str, object]:
    """The first option of whatever the page asks (first real neighbourhood, 2 for numbers)."""
    control = page.select_one('[name="answer"]')
    if control.name == "select":
        value = next(
            o["value"] for o in control.find_all("option") if o["value"] not in ("", "prefer_not")
        )
        return {"answer": value}
    if control.name == "textarea":
        return {"answer": ""}
    if control.get("type") in ("radio", "checkbox"):
        return {"answer": control["value"]}
    return {"answer": "2"}


def question_id(url: str) -> str:
    return url.rstrip("/").split("/q/")[1].split("?")[0]


def start(client, lang: str = "en") -> str:
    response = client.post(f"/{lang}/survey/start", expect=302)
    return response.headers["Location"]


def walk(client, lang: str = "en", choices: dict | None = None) -> list[str]:
    """Answer every question asked (choices override per question id) up to the check page."""
    choices = choices or {}
    url, asked = start(client, lang), []
    while "/q/" in url:
        qid = question_id(url)
        asked.append(qid)
        page = soup(client.get(url))
        data = {"answer": choices[qid]} if qid in choices else default_answer(page)
        response = client.post(url, data={**data, "action": "next"}, expect=302)
        url = response.headers["Location"]
    assert url.endswith("/survey/check")
    return asked


def submit(client, lang: str = "en", expect: int = 302):
    """Send the finished survey; it redirects to the thanks page unless `expect` says otherwise."""
    return client.post(f"/{lang}/survey/submit", expect=expect)
