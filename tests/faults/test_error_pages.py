import pytest
from django.test import Client

pytestmark = pytest.mark.urls("tests.faults.urls_failing")


@pytest.fixture
def browser_client():
    # A browser sees the response, not the exception the test client would re-raise.
    return Client(raise_request_exception=False)


def test_a_database_that_is_down_answers_a_clear_503_with_retry_after(browser_client):
    response = browser_client.get("/faults/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "<h1>系统暂时无法访问</h1>" in text and "数据库暂时连接不上" in text


def test_a_full_disk_answers_507_saying_nothing_was_registered(browser_client):
    response = browser_client.get("/faults/disk-full/")
    assert response.status_code == 507
    assert "本次提交没有登记" in response.content.decode()


def test_any_other_error_keeps_the_plain_500_page(browser_client):
    response = browser_client.get("/faults/bug/")
    assert response.status_code == 500
    assert "系统出错了" in response.content.decode()
