"""Real text corpora for measuring the detector: public text that ships inside installed
packages (`public`), and a hand-written private set with ground-truth spans (`private`).

Nothing here is generated from the training templates, so it measures what the generated
corpus cannot: how the detector treats text it was never tuned on.
"""
