import time
from monitoring.caseload import prognosis, forecast
from monitoring.caseload import selectors
from nprz_dashboard.periods import Month

def test_timing(viewer_client, monkeypatch, settings):
    area = selectors.programme_area()
    series = selectors.monthly_figures(area).series("caseload")
    t = time.perf_counter(); forecast.analyse(series, Month(2031, 12)); cold = time.perf_counter() - t
    t = time.perf_counter(); forecast.analyse(series, Month(2031, 12)); warm = time.perf_counter() - t
    t = time.perf_counter(); forecast.forecast(series, Month(2031, 12)); one = time.perf_counter() - t
    settings.CACHES = {"default": {**settings.CACHES["default"], "TIMEOUT": 0}}  # page cache off
    from django.core.cache import caches
    def page(q="/caseload/", n=5):
        times = []
        for _ in range(n):
            t = time.perf_counter(); viewer_client.get(q); times.append(time.perf_counter() - t)
        return min(times)
    prognosis.analysis(series, Month(2031, 12))
    with_forecast = page()
    real = prognosis.for_page
    from monitoring.caseload.forecast_chart import ChartForecast
    monkeypatch.setattr(prognosis, "for_page", lambda *a, **k: prognosis.PageForecast(ChartForecast(), [], [], None, None))
    without = page()
    print(f"\nanalyse cold {cold:.2f}s warm {warm:.2f}s one fit {one*1000:.0f}ms; page with cached forecast {with_forecast*1000:.0f}ms, without forecast {without*1000:.0f}ms")
