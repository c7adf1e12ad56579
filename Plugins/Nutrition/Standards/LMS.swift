import Foundation

/// The Box-Cox power (L), median (M) and coefficient of variation (S) of one row of a WHO table.
struct LMS: Sendable, Hashable {
    var l: Double
    var m: Double
    var s: Double

    /// The z-score of `value`: `((value / M)^L − 1) / (L · S)`, or `ln(value / M) / S` when L is 0.
    func z(of value: Double) -> Double {
        if abs(self.l) < 1e-12 { return log(value / self.m) / self.s }
        return (pow(value / self.m, self.l) - 1) / (self.l * self.s)
    }

    /// The measurement at z-score `z` (the inverse of ``z(of:)``).
    func value(atZ z: Double) -> Double {
        if abs(self.l) < 1e-12 { return self.m * exp(self.s * z) }
        return self.m * pow(1 + self.l * self.s * z, 1 / self.l)
    }

    /// The z-score with WHO's restricted distribution beyond ±3 SD (the "SD23" adjustment), used
    /// for the weight-based and arm-circumference indicators: outside ±3 the z-score grows linearly
    /// with the distance between the 2 and 3 SD values instead of following the skewed tail.
    func restrictedZ(of value: Double) -> Double {
        let z = self.z(of: value)
        if z > 3 {
            let sd3 = self.value(atZ: 3)
            return 3 + (value - sd3) / (sd3 - self.value(atZ: 2))
        }
        if z < -3 {
            let sd3 = self.value(atZ: -3)
            return -3 + (value - sd3) / (self.value(atZ: -2) - sd3)
        }
        return z
    }

    /// The row `fraction` of the way from `self` to `next`, each parameter interpolated linearly.
    func interpolated(to next: LMS, fraction: Double) -> LMS {
        LMS(
            l: self.l + fraction * (next.l - self.l),
            m: self.m + fraction * (next.m - self.m),
            s: self.s + fraction * (next.s - self.s)
        )
    }
}
