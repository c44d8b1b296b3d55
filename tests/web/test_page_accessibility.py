"""Every page: a skip link to its content, Chinese page language, browser validation left to the server."""

from django.test import Client
from django.urls import reverse


def test_every_page_starts_with_a_skip_link_to_the_content(client, cast, xinfang):
    pages = [Client().get("/accounts/login/")]
    client.force_login(cast.alice)
    pages += [client.get(url) for url in (reverse("targets:list"), reverse("targets:detail", args=[xinfang.pk]),
                                          reverse("targets:edit", args=[xinfang.pk]))]
    for response in pages:
        url, page = response.wsgi_request.path, response.content.decode()
        body = page.split("<body", 1)[1]
        first_link = body.split("<a ", 1)[1]
        assert first_link.startswith('class="skip-link no-print" href="#main">跳到正文</a>'), url
        assert '<main id="main" tabindex="-1"' in page and '<html lang="zh-CN">' in page


def test_every_page_loads_the_script_that_turns_off_browser_validation(client, cast):
    page = client.get("/accounts/login/").content.decode()
    assert '<script src="/static/jixiao/forms.js" defer></script>' in page
    script = client.get("/static/jixiao/forms.js")
    assert b"noValidate = true" in b"".join(script.streaming_content)
