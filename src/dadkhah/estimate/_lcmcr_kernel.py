"""The LCMCR Gibbs sampler's inner loop, compiled with numba.

Model (Manrique-Vallier 2016, *Biometrics* 72(4):1246–1254): person i belongs to latent class
z_i ~ Categorical(π); given the class, list j records them with probability λ_jk, independently of
the other lists; π follows a stick-breaking prior truncated at K classes with concentration α ~
Gamma(a, b); λ_jk ~ Beta(1, 1); p(N) ∝ 1/N.

People with the same capture pattern are exchangeable, so instead of one class per person the
sampler draws, per pattern, how many of its people fall in each class (a multinomial): the same
Gibbs step, at a cost that grows with the number of distinct patterns rather than people.

Each iteration updates, in turn:
  1. class counts of each observed pattern | λ, π;
  2. the number unobserved n0 | λ, π ~ NegBin(n, 1 − π0), with π0 = Σ_k π_k Π_j (1 − λ_jk), then
     their class counts | n0 (the data augmentation of the unobserved people);
  3. λ_jk | counts ~ Beta(1 + recorded, 1 + not recorded), the unobserved counting as not recorded;
  4. stick-breaking fractions V_k | counts, α ~ Beta(1 + n_k, α + Σ_{l>k} n_l);
  5. α | V ~ Gamma(a + K − 1, b − Σ_{k<K} log(1 − V_k)).
"""

from __future__ import annotations

import numpy as np
from numba import njit

LOG_FLOOR = -700.0  # log(1 - V) when V rounds to 1: keeps α's rate finite
SMALL_COUNT = (
    48  # patterns with at most this many people: one categorical draw per person (cheaper than K binomials)
)


@njit(cache=True, error_model="numpy")
def _seed(seed: int) -> None:
    np.random.seed(seed)


@njit(cache=True, error_model="numpy")
def _binomial(n: int, p: float) -> int:
    """Binomial(n, p); by inversion of the CDF when the mean is small, which is the common case
    here (most classes hold few of a pattern's people) and much cheaper than numpy's BTPE."""
    if p <= 0.0 or n == 0:
        return 0
    if p >= 1.0:
        return n
    flip = p > 0.5
    q = 1.0 - p if flip else p
    if n * q >= 10.0:
        drawn = np.random.binomial(n, q)
    else:
        ratio = q / (1.0 - q)
        f = np.exp(n * np.log1p(-q))  # P(X = 0)
        u = np.random.random()
        drawn = 0
        while u > f and drawn < n:
            u -= f
            f *= (n - drawn) / (drawn + 1.0) * ratio
            drawn += 1
    return n - drawn if flip else drawn


@njit(cache=True, error_model="numpy")
def _multinomial_into(total: int, log_weights: np.ndarray, out: np.ndarray, scratch: np.ndarray) -> None:
    """Draw Multinomial(total, softmax(log_weights)) into ``out``."""
    k_max = log_weights.shape[0]
    top = log_weights.max()
    norm = 0.0
    for k in range(k_max):
        scratch[k] = np.exp(log_weights[k] - top)
        norm += scratch[k]
    _multinomial_weights(total, scratch, norm, out)


@njit(cache=True, error_model="numpy")
def _multinomial_weights(total: int, scratch: np.ndarray, norm: float, out: np.ndarray) -> None:
    """Draw Multinomial(total, scratch / norm) into ``out`` (``scratch`` non-negative, sum ``norm``)."""
    k_max = scratch.shape[0]
    if total <= SMALL_COUNT:
        # A few people: one categorical draw each is cheaper than K binomials.
        for k in range(k_max):
            out[k] = 0
        for _ in range(total):
            u = np.random.random() * norm
            acc = 0.0
            chosen = k_max - 1
            for k in range(k_max):
                acc += scratch[k]
                if u < acc:
                    chosen = k
                    break
            out[chosen] += 1
        return
    left = total
    for k in range(k_max):
        if left == 0 or k == k_max - 1:
            out[k] = left
            left = 0
            continue
        p = scratch[k] / norm if norm > 0 else 0.0
        p = min(max(p, 0.0), 1.0)
        drawn = _binomial(left, p)
        out[k] = drawn
        left -= drawn
        norm -= scratch[k]
        if norm < 0:
            norm = 0.0


@njit(cache=True, error_model="numpy")
def _categorical(weights: np.ndarray, norm: float) -> int:
    u = np.random.random() * norm
    acc = 0.0
    last = weights.shape[0] - 1
    for k in range(last):
        acc += weights[k]
        if u < acc:
            return int(k)
    return int(last)


@njit(cache=True, error_model="numpy")
def run_chain(
    ones_ptr: np.ndarray,
    ones_idx: np.ndarray,
    counts: np.ndarray,
    n_lists: int,
    n_classes: int,
    a_alpha: float,
    b_alpha: float,
    burn_in: int,
    n_draws: int,
    thin: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run one chain; return kept draws of N, α and the number of occupied classes.

    ``ones_ptr``/``ones_idx`` list, per distinct pattern, the lists that recorded it (CSR form).
    Only the sufficient statistics of the class assignments are kept: people per class and, per
    list and class, how many of them the list recorded.
    """
    _seed(seed)
    n_patterns = counts.shape[0]
    n_obs = 0
    for p in range(n_patterns):
        n_obs += counts[p]
    K = n_classes
    J = n_lists

    lam = np.empty((J, K))
    for j in range(J):
        for k in range(K):
            lam[j, k] = np.random.random()
    alpha = 1.0
    log_pi = np.empty(K)
    log1m_v = np.empty(K)
    remaining = 0.0
    for k in range(K):
        if k < K - 1:
            v = min(max(np.random.beta(1.0, alpha), 1e-300), 1.0 - 1e-16)
            log_pi[k] = np.log(v) + remaining
            remaining += np.log1p(-v)
        else:
            log_pi[k] = remaining

    log_weight = np.empty(K)
    scratch = np.empty(K)
    draw_row = np.empty(K, dtype=np.int64)
    log_unseen = np.empty(K)  # log of pi_k * prod_j (1 - lam_jk): class k and on no list
    odds = np.empty((J, K))
    base = np.empty(K)
    class_total = np.empty(K, dtype=np.int64)
    recorded = np.empty((J, K), dtype=np.int64)

    kept_n = np.empty(n_draws)
    kept_alpha = np.empty(n_draws)
    kept_occupied = np.empty(n_draws, dtype=np.int64)
    total_iterations = burn_in + n_draws * thin
    kept = 0
    for iteration in range(total_iterations):
        # Per class: probability of being on no list; per list and class: odds of being on it.
        top = -np.inf
        for k in range(K):
            product = 1.0
            for j in range(J):
                product *= 1.0 - lam[j, k]
                odds[j, k] = lam[j, k] / (1.0 - lam[j, k])
            if product > 1e-290:
                log_unseen[k] = log_pi[k] + np.log(product)
            else:  # the product underflows: sum logs instead
                acc = 0.0
                for j in range(J):
                    acc += np.log1p(-lam[j, k])
                log_unseen[k] = log_pi[k] + acc
            if log_unseen[k] > top:
                top = log_unseen[k]
        for k in range(K):
            base[k] = np.exp(log_unseen[k] - top)
            class_total[k] = 0
            for j in range(J):
                recorded[j, k] = 0

        # 1. Classes of the observed people, pattern by pattern: weight of class k is
        # base_k * prod of the odds of the lists that recorded the pattern (log space as fallback).
        for p in range(n_patterns):
            first, stop = ones_ptr[p], ones_ptr[p + 1]
            norm = 0.0
            for k in range(K):
                value = base[k]
                for t in range(first, stop):
                    value *= odds[ones_idx[t], k]
                scratch[k] = value
                norm += value
            if not (1e-280 < norm < 1e280):
                for k in range(K):
                    value = log_unseen[k]
                    for t in range(first, stop):
                        value += np.log(odds[ones_idx[t], k])
                    log_weight[k] = value
                top_p = log_weight.max()
                norm = 0.0
                for k in range(K):
                    scratch[k] = np.exp(log_weight[k] - top_p)
                    norm += scratch[k]
            people = counts[p]
            if people <= SMALL_COUNT:
                for _ in range(people):
                    k = _categorical(scratch, norm)
                    class_total[k] += 1
                    for t in range(first, stop):
                        recorded[ones_idx[t], k] += 1
            else:
                _multinomial_weights(people, scratch, norm, draw_row)
                for k in range(K):
                    c = draw_row[k]
                    if c > 0:
                        class_total[k] += c
                        for t in range(first, stop):
                            recorded[ones_idx[t], k] += c

        # 2. The unobserved: how many (negative binomial as a gamma-Poisson mixture), then their
        # classes; they count as "not recorded" on every list.
        pi0 = 0.0
        for k in range(K):
            pi0 += np.exp(log_unseen[k])
        pi0 = min(pi0, 1.0 - 1e-12)
        rate = np.random.gamma(float(n_obs), pi0 / (1.0 - pi0))
        n0 = np.random.poisson(rate) if rate > 0 else 0
        if n0 > 0:
            _multinomial_into(n0, log_unseen, draw_row, scratch)
            for k in range(K):
                class_total[k] += draw_row[k]

        # 3. Capture probabilities per list and class.
        for k in range(K):
            for j in range(J):
                if class_total[k] == 0:
                    value = np.random.random()  # an empty class: Beta(1, 1) is uniform
                else:
                    value = np.random.beta(1.0 + recorded[j, k], 1.0 + class_total[k] - recorded[j, k])
                lam[j, k] = min(max(value, 1e-300), 1.0 - 1e-16)

        # 4. Stick-breaking weights.
        above = 0
        for k in range(K):
            above += class_total[k]
        remaining = 0.0
        for k in range(K):
            above -= class_total[k]
            if k == K - 1:
                log_pi[k] = remaining
                log1m_v[k] = 0.0
                break
            if class_total[k] == 0:
                # Beta(1, b) by inversion: 1 - V = U^(1/b), exact in log space even when V ~ 1.
                log1m_v[k] = np.log(1.0 - np.random.random()) / (alpha + above)
                log_v = np.log(-np.expm1(log1m_v[k])) if log1m_v[k] < 0 else LOG_FLOOR
            else:
                g1 = np.random.gamma(1.0 + class_total[k], 1.0)
                g2 = np.random.gamma(alpha + above, 1.0)
                log_sum = np.log(g1 + g2)
                log_v = np.log(g1) - log_sum if g1 > 0 else LOG_FLOOR
                log1m_v[k] = np.log(g2) - log_sum if g2 > 0 else LOG_FLOOR
            if log1m_v[k] < LOG_FLOOR:
                log1m_v[k] = LOG_FLOOR
            log_pi[k] = log_v + remaining
            remaining += log1m_v[k]

        # 5. Concentration.
        rate_alpha = b_alpha
        for k in range(K - 1):
            rate_alpha -= log1m_v[k]
        alpha = np.random.gamma(a_alpha + K - 1, 1.0 / rate_alpha)
        if alpha < 1e-300:
            alpha = 1e-300

        if iteration >= burn_in and (iteration - burn_in) % thin == thin - 1:
            occupied = 0
            for k in range(K):
                if class_total[k] > 0:
                    occupied += 1
            kept_n[kept] = n_obs + n0
            kept_alpha[kept] = alpha
            kept_occupied[kept] = occupied
            kept += 1
    return kept_n, kept_alpha, kept_occupied
