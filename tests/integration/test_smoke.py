def test_home_renders(client):
    client.get("/en/")
