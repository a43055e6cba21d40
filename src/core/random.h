// A small deterministic pseudo-random generator (xoshiro256**, seeded by SplitMix64) with our
// own uniform, weighted and shuffle helpers, so that a seed gives the same sequence on every
// platform and standard library (std::*_distribution output is implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tremplin::core {

class Random {
 public:
  explicit Random(uint64_t seed);

  // Next 64 random bits.
  uint64_t Next();

  // Uniform integer in [lo, hi] (inclusive, lo <= hi), without modulo bias.
  int64_t UniformInt(int64_t lo, int64_t hi);
  // Uniform index in [0, n) for n > 0.
  size_t Index(size_t n) { return static_cast<size_t>(UniformInt(0, static_cast<int64_t>(n) - 1)); }
  // Uniform double in [0, 1), 53 random bits.
  double UniformDouble();
  // Uniform double in [lo, hi).
  double UniformDouble(double lo, double hi) { return lo + (hi - lo) * UniformDouble(); }
  // True with probability p (p <= 0: never; p >= 1: always).
  bool Chance(double p) { return UniformDouble() < p; }

  // Index i with probability weights[i] / sum(weights). Weights are >= 0 with a positive sum.
  size_t WeightedIndex(std::span<const double> weights);
  // Same with integer weights (exact: no rounding).
  size_t WeightedIndex(std::span<const int64_t> weights);

  // A uniformly chosen element of a non-empty sequence.
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Index(items.size())];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Index(items.size())];
  }

  // Fisher–Yates shuffle.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Index(i)]);
  }

  // An independent generator derived from this one's seed and `stream`, so that one part of a
  // generation can change without shifting the numbers drawn by another.
  Random Fork(uint64_t stream) const;

 private:
  uint64_t seed_;
  uint64_t state_[4];
};

// SplitMix64 step: advances `state` and returns the next output (also a good 64-bit mixer).
uint64_t SplitMix64(uint64_t& state);

}  // namespace tremplin::core
