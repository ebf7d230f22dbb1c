extension Double {
    /// The number as a message quotes it: `-1000`, `0.93`, `inf`.
    public var shown: String {
        isFinite && self == rounded() && Swift.abs(self) < 1e15 ? String(Int64(self)) : "\(self)"
    }
}
