"""The assumptions behind each estimate, in plain words, attached to every result."""

from __future__ import annotations

COMMON = [
    "Closed population: the lists all try to record the same fixed group of people (for example, "
    "everyone killed in one place and period); nobody joins or leaves that group while the lists "
    "are compiled.",
    "Clean linkage: each person is counted once per list, and records of the same person on "
    "different lists have been linked. Missed links inflate the estimate; false links deflate it.",
    "People on no list cannot be seen in the data: the estimate of how many there are comes from a "
    "model of how the lists overlap, and no test on the observed data can confirm that model for "
    "the people no list recorded.",
]

LOGLINEAR = [
    "List dependence: a Poisson log-linear model with main effects for each list and the pairwise "
    "interactions named in 'details'; interactions between three or more lists are assumed absent.",
    "The interval is a profile-likelihood interval for the chosen model. It does not include the "
    "uncertainty of choosing that model, so it is narrower than the real uncertainty.",
]

STEPWISE = [
    "Model choice: starting from independent lists, the pairwise interaction that lowers AIC most "
    "is added one at a time, while it lowers AIC and its own p-value is below the threshold "
    "(the procedure of Bales, Hesketh & Silverman 2015).",
]

DGA = [
    "List dependence: averaged over every decomposable graphical model of the lists (Madigan & "
    "York 1997), each weighted by how well it explains the observed overlaps; the model that "
    "links all lists together is included but cannot by itself inform the estimate.",
    "The result depends on the priors: N proportional to 1/N and a hyper-Dirichlet prior with the "
    "'delta' given in 'details' (small delta: few imaginary prior records per cell).",
    "The interval is an equal-tailed Bayesian credible interval for N.",
]

LCMCR = [
    "List dependence comes from heterogeneity: people fall into unobserved classes (for example, "
    "more or less visible victims); within a class each list records people independently "
    "(Manrique-Vallier 2016). Direct dependence between lists (one list copied from another) is "
    "only approximated through these classes.",
    "Priors: N proportional to 1/N, a truncated stick-breaking prior over at most K classes with a "
    "Gamma prior on its concentration, and uniform priors on each class's capture probabilities.",
    "The interval is an equal-tailed Bayesian credible interval for N from Markov chain Monte Carlo "
    "draws; check the diagnostics: chains that disagree mean the number is not yet reliable.",
]

TWO_LISTS = [
    "Only two lists: the estimate rests entirely on the assumption that being on one list makes "
    "being on the other neither more nor less likely. That assumption cannot be checked here.",
]

STRATIFIED = [
    "Stratification: people are split into strata by the fields named (for example, prison or "
    "month), and each stratum is estimated on its own, so that capture may differ between strata. "
    "A person whose stratum field is wrong or missing is counted in the wrong stratum or in an "
    "'unknown' stratum.",
    "A stratum is estimated only if at least three lists recorded someone in it; other strata are "
    "reported as not estimable and add only their documented count to the total, which is then a "
    "lower bound for them.",
]


def for_method(method: str, *, n_lists: int, stepwise: bool = False) -> list[str]:
    """Assumptions for one estimate made with ``method`` on ``n_lists`` lists."""
    specific = {"loglinear": LOGLINEAR + (STEPWISE if stepwise else []), "dga": DGA, "lcmcr": LCMCR}[method]
    two = TWO_LISTS if n_lists == 2 else []
    return [*COMMON, *specific, *two]
