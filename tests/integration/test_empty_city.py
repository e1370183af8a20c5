"""A city that has not loaded its neighbourhoods yet: every figure page answers, saying so."""


def test_figure_pages_answer_before_any_neighbourhood_is_loaded(client, login):
    client.get("/en/transparency/", expect=200)
    client.get("/en/transparency/report", expect=200)
    assert client.get("/api/v1/figures").get_json()["neighbourhoods"] == []
    login("staff")
    client.get("/en/insights/", expect=200)
