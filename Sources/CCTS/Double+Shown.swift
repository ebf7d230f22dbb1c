extension Double {
    /// The number as a message quotes it: `-1000`, `0.93`, `1e+300`; a value that is not a
    /// number says so in words (`not a number (0/0)`, `infinite (1/0)`), as a user wrote it.
    public var shown: String {
        if isNaN { return "not a number (0/0)" }
        if isInfinite { return self > 0 ? "infinite (1/0)" : "minus infinite (-1/0)" }
        return self == rounded() && Swift.abs(self) < 1e15 ? String(Int64(self)) : "\(self)"
    }
}
