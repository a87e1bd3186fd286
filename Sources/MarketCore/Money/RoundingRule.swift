/// How a value that falls between two representable amounts is resolved.
///
/// `halfEven` (banker's rounding, IEEE 754 `roundTiesToEven`) is the marketplace's one rounding for money:
/// ties go to the even neighbour, so rounding errors over many lines do not drift in one direction.
/// The other rules exist for allocation and display code that needs them explicitly.
public enum RoundingRule: Sendable, Hashable {
    case halfEven
    case towardZero
    case awayFromZero
}
