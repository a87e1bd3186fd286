/// Connects scorecards to the events that change them (called once at start). Registering under the
/// same name again replaces the observer, so several applications in one process never count twice.
public enum RatingHooks {
    public static func install() {
        OrderEvents.register("ratings", ScorecardObserver())
    }
}
