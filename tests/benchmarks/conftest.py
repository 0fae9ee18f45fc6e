import pytest

from benchmarks import demo
from benchmarks.models import BenchmarkValue
from tests.conftest import LAST_MONTH

from .odata_server import start


@pytest.fixture
def no_benchmarks(db):
    """Start from no benchmark values, whatever the seed brought (rolled back after the test)."""
    BenchmarkValue.objects.all().delete()
    BenchmarkValue.history.all().delete()


@pytest.fixture
def demo_benchmarks(no_benchmarks):
    """The demo benchmark values up to the last complete month, as seed_demo loads them."""
    return demo.seed(LAST_MONTH)


@pytest.fixture
def cbs_feed(settings, monkeypatch):
    """A local CBS feed with the recorded tables; the sync reads only the 2025 neighbourhood table."""
    server = start()
    settings.CBS_ODATA_URL = server.url
    monkeypatch.setattr("benchmarks.sync.NEIGHBOURHOOD_TABLES", {2025: "86165NED"})
    yield server
    server.shutdown()
    server.server_close()
