/// Connects scorecards to the events that change them (called once at start).
public enum RatingHooks {
    public static func install() {}
}
