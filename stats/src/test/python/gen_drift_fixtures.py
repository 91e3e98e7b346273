#!/usr/bin/env python3
"""Reference values for io.driftwatch.stats.drift (DriftTestsFixtureTest).

Regenerate (deterministic: fixed seeds, numpy 2.4 / scipy 1.17 were used):

    cd stats && python3 src/test/python/gen_drift_fixtures.py
    # writes src/test/resources/fixtures/drift-tests.json; commit it with this script

Definitions mirrored from the Java side (see the Javadoc of io.driftwatch.stats.drift.DriftTests):
- ks:           scipy.stats.ks_2samp(reference, sample) with the default method='auto'.
- wasserstein:  scipy.stats.wasserstein_distance; statistic = distance / max(np.std(reference), 0.001)
                (Evidently's normed Wasserstein, population std).
- chi_square:   scipy.stats.chi2_contingency(2 x k table [reference counts; sample counts],
                correction=False); categories absent from both sides are dropped.
- jensen_shannon: scipy.spatial.distance.jensenshannon(ref_fraction, sample_fraction) (natural log).
- psi:          sum((a - e) * ln(a / e)), a = sample fractions, e = reference fractions, each
                fraction equal to 0 replaced by 1e-4 (no renormalisation).
- numeric binning (psi, jensen_shannon): cut points = unique(min, 9 deciles (numpy 'linear'), max)
                of the reference; bins (-inf, c0), [c0, c1), ..., [c_{k-1}, c_k], (c_k, +inf).
Inputs have NaN/None removed by the Java side before testing; fixtures hold only clean values.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "drift-tests.json")
PSI_EPSILON = 1e-4
WASSERSTEIN_STD_FLOOR = 0.001

arrays = {}
cases = []


def arr(name, values):
    arrays[name] = [float(v) for v in values]
    return name


def status_p(p, alpha=0.05):
    return "DETECTED" if p < alpha else "NO_DETECTION"


def status_d(d, threshold=0.1):
    return "DETECTED" if d >= threshold else "NO_DETECTION"


def status_psi(v):
    return "DETECTED" if v >= 0.25 else ("POTENTIAL_DETECTION" if v >= 0.1 else "NO_DETECTION")


def ks(name, ref, smp):
    r = stats.ks_2samp(np.array(arrays[ref]), np.array(arrays[smp]))
    cases.append(dict(name=name, test="ks", kind="numeric", reference=ref, sample=smp,
                      statistic=float(r.statistic), p_value=float(r.pvalue), status=status_p(r.pvalue)))


def wasserstein(name, ref, smp):
    u, v = np.array(arrays[ref]), np.array(arrays[smp])
    w = float(stats.wasserstein_distance(u, v))
    normed = w / max(float(np.std(u)), WASSERSTEIN_STD_FLOOR)
    cases.append(dict(name=name, test="wasserstein", kind="numeric", reference=ref, sample=smp,
                      distance=w, statistic=normed, status=status_d(normed)))


def cut_points(ref):
    q = np.quantile(ref, np.arange(1, 10) / 10.0)  # method='linear'
    return np.unique(np.concatenate(([ref.min()], q, [ref.max()])))


def bin_fractions(values, cuts):
    inner = max(len(cuts) - 1, 1)
    idx = np.searchsorted(cuts, values, side="right")
    idx = np.minimum(idx, inner)
    idx[values > cuts[-1]] = inner + 1
    idx[values < cuts[0]] = 0
    return np.bincount(idx, minlength=inner + 2) / len(values)


def category_fractions(ref, smp):
    keys = sorted(set(ref) | set(smp))
    e = np.array([ref.get(k, 0) for k in keys], dtype=float)
    a = np.array([smp.get(k, 0) for k in keys], dtype=float)
    return e / e.sum(), a / a.sum()


def psi_value(e, a):
    e = np.where(e == 0, PSI_EPSILON, e)
    a = np.where(a == 0, PSI_EPSILON, a)
    return float(np.sum((a - e) * np.log(a / e)))


def numeric_fractions(ref, smp):
    u, v = np.array(arrays[ref]), np.array(arrays[smp])
    cuts = cut_points(u)
    return bin_fractions(u, cuts), bin_fractions(v, cuts)


def psi(name, ref, smp):
    if isinstance(ref, dict):
        e, a = category_fractions(ref, smp)
        kind = "categorical"
    else:
        e, a = numeric_fractions(ref, smp)
        kind = "numeric"
    v = psi_value(e, a)
    cases.append(dict(name=name, test="psi", kind=kind, reference=ref, sample=smp,
                      statistic=v, status=status_psi(v)))


def jensen_shannon(name, ref, smp):
    if isinstance(ref, dict):
        e, a = category_fractions(ref, smp)
        kind = "categorical"
    else:
        e, a = numeric_fractions(ref, smp)
        kind = "numeric"
    d = float(distance.jensenshannon(e, a))
    cases.append(dict(name=name, test="jensen_shannon", kind=kind, reference=ref, sample=smp,
                      statistic=d, status=status_d(d)))


def chi_square(name, ref, smp):
    keys = sorted(k for k in set(ref) | set(smp) if ref.get(k, 0) + smp.get(k, 0) > 0)
    table = np.array([[ref.get(k, 0) for k in keys], [smp.get(k, 0) for k in keys]])
    r = stats.chi2_contingency(table, correction=False)
    cases.append(dict(name=name, test="chi_square", kind="categorical", reference=ref, sample=smp,
                      statistic=float(r.statistic), p_value=float(r.pvalue), dof=int(r.dof),
                      status=status_p(r.pvalue)))


def counts(rng, cats, probs, n):
    draw = rng.choice(cats, size=n, p=probs)
    u, c = np.unique(draw, return_counts=True)
    return {str(k): int(v) for k, v in zip(u, c)}


def main():
    rng = np.random.default_rng(20240601)
    n20 = arr("norm20", np.round(rng.normal(0, 1, 20), 6))
    n25 = arr("norm25", np.round(rng.normal(0, 1, 25), 6))
    n500 = arr("norm500", np.round(rng.normal(0, 1, 500), 6))
    n400s = arr("norm400_shift03", np.round(rng.normal(0.3, 1, 400), 6))
    n10k = arr("norm10k", np.round(rng.normal(0, 1, 10_000), 4))
    n10ks = arr("norm10k_shift002", np.round(rng.normal(0.02, 1, 10_000), 4))
    n12k = arr("norm12k", np.round(rng.normal(0, 1, 12_000), 3))
    n3ks = arr("norm3k_shift005", np.round(rng.normal(0.05, 1, 3_000), 3))
    p200 = arr("poisson200", rng.poisson(4, 200))
    p150 = arr("poisson150_lam45", rng.poisson(4.5, 150))
    one = arr("single", [0.5])
    n30 = arr("norm30", np.round(rng.normal(0, 1, 30), 6))
    c50 = arr("const50_3", [3.0] * 50)
    c40 = arr("const40_3", [3.0] * 40)
    c40b = arr("const40_35", [3.5] * 40)
    lo5 = arr("sep_low5", [1, 2, 3, 4, 5])
    hi5 = arr("sep_high5", [6, 7, 8, 9, 10])
    u1000 = arr("unif1000", np.round(rng.uniform(0, 10, 1000), 6))
    u800 = arr("unif800_wider", np.round(rng.uniform(0, 12, 800), 6))

    ks("ks_small_20_25_unshifted", n20, n25)
    ks("ks_500_400_shift03", n500, n400s)
    ks("ks_10k_10k_shift002_exact", n10k, n10ks)
    ks("ks_12k_3k_asymptotic", n12k, n3ks)
    ks("ks_integers_with_ties", p200, p150)
    ks("ks_single_row_sample", n30, one)
    ks("ks_constant_equal", c50, c40)
    ks("ks_constant_shifted", c50, c40b)
    ks("ks_fully_separated_5_5", lo5, hi5)
    ks("ks_uniform_1000_800", u1000, u800)

    wasserstein("ws_500_400_shift03", n500, n400s)
    wasserstein("ws_10k_10k_shift002", n10k, n10ks)
    wasserstein("ws_integers_with_ties", p200, p150)
    wasserstein("ws_constant_reference_std_floor", c50, c40b)
    wasserstein("ws_single_row_sample", n30, one)
    wasserstein("ws_uniform_1000_800", u1000, u800)

    cats = ["a", "b", "c", "d"]
    ref_c = counts(rng, cats, [0.4, 0.3, 0.2, 0.1], 1000)
    smp_same = counts(rng, cats, [0.4, 0.3, 0.2, 0.1], 300)
    smp_drift = counts(rng, cats, [0.25, 0.25, 0.25, 0.25], 300)
    smp_unseen = dict(counts(rng, cats, [0.4, 0.3, 0.2, 0.1], 300), e=12)
    ref_missing = dict(ref_c, z=0)  # zero-count category on both sides: dropped
    big_ref = counts(rng, [f"k{i}" for i in range(12)], np.full(12, 1 / 12), 100_000)
    big_smp = counts(rng, [f"k{i}" for i in range(12)], np.r_[np.full(11, 0.08), 0.12], 20_000)
    two_ref, two_smp = {"yes": 70, "no": 30}, {"yes": 12, "no": 13}

    chi_square("chi_same_distribution", ref_c, smp_same)
    chi_square("chi_uniform_drift", ref_c, smp_drift)
    chi_square("chi_unseen_category", ref_c, smp_unseen)
    chi_square("chi_zero_on_both_sides_dropped", ref_missing, smp_same)
    chi_square("chi_12_categories_100k", big_ref, big_smp)
    chi_square("chi_two_categories_no_yates", two_ref, two_smp)

    jensen_shannon("js_same_distribution", ref_c, smp_same)
    jensen_shannon("js_unseen_category", ref_c, smp_unseen)
    jensen_shannon("js_uniform_drift", ref_c, smp_drift)
    jensen_shannon("js_numeric_10k_shift002", n10k, n10ks)
    jensen_shannon("js_numeric_500_400_shift03", n500, n400s)
    jensen_shannon("js_numeric_integers", p200, p150)

    psi("psi_same_distribution", ref_c, smp_same)
    psi("psi_unseen_category_epsilon", ref_c, smp_unseen)
    psi("psi_uniform_drift", ref_c, smp_drift)
    psi("psi_numeric_500_400_shift03", n500, n400s)
    psi("psi_numeric_10k_shift002", n10k, n10ks)
    psi("psi_numeric_integers_ties", p200, p150)
    psi("psi_numeric_constant_reference", c50, c40b)
    psi("psi_numeric_uniform_wider", u1000, u800)

    doc = dict(
        generator="stats/src/test/python/gen_drift_fixtures.py",
        numpy=np.__version__, scipy=scipy.__version__,
        arrays=arrays, cases=cases)
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
