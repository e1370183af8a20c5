def test_home_renders(client):
    response = client.get("/en/")
    assert response.status_code == 200
