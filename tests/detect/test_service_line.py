"""An organisation's labelled service line is public; a first-person line is not."""

import pytest

from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector
from sglang_safekv.detect.service_line import is_service_line, on_service_lines


@pytest.mark.parametrize(
    "line",
    [
        "- Claims line (24/7): 0345 600 1234",
        "- General enquiries: 0345 600 5678, Mon-Fri 8am-8pm",
        "Contact public : 02 47 00 00 00, mediatheque@valdeloire-exemple.fr.",
        "Canais oficiais: SAC 0800 000 0000 (24h), Ouvidoria 0800 000 0001.",
        "- 고객센터: 1588-0000 (평일 9시~18시)",
        "Kundenservice: 0800 330 1000",
    ],
)
def test_a_labelled_service_line_is_published(line):
    assert is_service_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Customer service: my number is 07700 900123",  # the first person
        "Mon service client m'a donné mon numéro : 06 12 34 56 78",
        "Call Jenna at 0345 600 1234",  # no label
        "Emergency contact: Saul Felsenthal, (612) 874-2019",  # a person's, not a line's
        "Sacrifice: 0345 600 1234",
        # found in review (stop 41): a person's data under a service label
        "Customer service: caller said she has been self-harming and is on sertraline 100mg",
        "Customer service: her personal email sam.taylor@outlook.com",
        "Hotline: daniel.kovacs84@gmail.com",
        "Kundenservice: Herr Jonas Becker, Tel. 0171 2345678",
        "Hotline: Priya Raman 07834 562190",
        "Jenna's hotline: 07834 562190",
        "Customer care: we can be reached on 07834 562190 in the evenings",
        "Hotline: +44 7911 123456 - that's Sarah's personal number, don't share it",
        "Customer service: 07834 562190",
        # second review (stop 41): an aside in the label says whose the number is
        "Customer care (ex-husband): 0800 123 4567",
        "Helpline (Mum's chemo ward): 0300 123 4567",
        "Customer service: 9012 3456",  # a Singapore mobile's shape, not a short code
    ],
)
def test_other_lines_are_not(line):
    assert not is_service_line(line)


def test_every_line_a_span_touches_must_be_a_service_line():
    text = "- Prices: from 3,000 won.\n- Customer center: 1588-0000"
    assert on_service_lines(text, text.index("1588"), len(text))
    assert not on_service_lines(text, 0, len(text))


def test_the_detector_drops_a_service_lines_number_but_keeps_a_persons(tier3_model_dir):
    detector = Detector.from_config(DetectorConfig(tier3_model_dir=str(tier3_model_dir)))
    assert not detector.load()
    published = "Contact details you may share:\n- Claims line (24/7): 0345 600 1234\n"
    assert detector.detect(published, first_only=True).first is None
    private = "Customer service gave me a callback: my number is 07700 900 123\n"
    assert detector.detect(private, first_only=True).first is not None
