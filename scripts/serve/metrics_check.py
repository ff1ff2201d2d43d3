"""/metrics read by Prometheus's own text parser (the prometheus-client
package's), after a few checks: every family is there with its type, the
counts match the requests sent, and /healthz answers.
"""

import urllib.error
import urllib.parse
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from harness import DRAFT, Server


def post(url, params):
    data = urllib.parse.urlencode(params).encode()
    try:
        with urllib.request.urlopen(url + "v2/check", data=data, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def main():
    with Server() as server:
        assert post(server.url, {"language": "en-GB", "text": DRAFT}) == 200
        assert post(server.url, {"language": "en-GB", "text": DRAFT}) == 200
        assert post(server.url, {"text": DRAFT}) == 400
        with urllib.request.urlopen(server.url + "healthz") as r:
            assert r.status == 200 and r.read() == b"OK\n"
        with urllib.request.urlopen(server.url + "metrics") as r:
            assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            text = r.read().decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    types = {name: f.type for name, f in families.items()}
    assert types == {
        "copydesk_http_requests": "counter",
        "copydesk_http_request_duration_seconds": "histogram",
        "copydesk_findings": "counter",
        "copydesk_checks_waiting": "gauge",
        "copydesk_checks_running": "gauge",
        "copydesk_open_connections": "gauge",
        "copydesk_checks_stopped": "counter",
    }, types

    def samples(family, name=None):
        return {
            tuple(sorted(s.labels.items())): s.value
            for s in families[family].samples
            if name is None or s.name == name
        }

    requests = samples("copydesk_http_requests")
    assert requests[(("route", "/v2/check"), ("status", "200"))] == 2, requests
    assert requests[(("route", "/v2/check"), ("status", "400"))] == 1, requests
    assert requests[(("route", "/healthz"), ("status", "200"))] == 1, requests
    hist = samples("copydesk_http_request_duration_seconds", "copydesk_http_request_duration_seconds_bucket")
    inf = hist[(("le", "+Inf"), ("route", "/v2/check"))]
    assert inf == 3, hist
    counts = samples("copydesk_http_request_duration_seconds", "copydesk_http_request_duration_seconds_count")
    assert counts[(("route", "/v2/check"),)] == 3, counts
    # Two checks of the draft: each of its five findings twice.
    findings = samples("copydesk_findings")
    assert findings == {
        (("rule", "repeated-word"),): 4,
        (("rule", "indefinite-article"),): 2,
        (("rule", "glued-repeat"),): 2,
        (("rule", "unit-conversion"),): 2,
    }, findings
    assert samples("copydesk_checks_running") == {(): 0}
    assert samples("copydesk_open_connections")[()] >= 1
    print(f"metrics: {len(families)} families parsed by prometheus_client; counts as sent")


if __name__ == "__main__":
    main()
