import Web

/// Builds a `JSONObject` member by member with the semantics of its subscript setter (a key set again
/// keeps its place and takes the new value; a new key goes last), in linear time: `JSONObject` finds a key
/// by scanning its members, which made shaping an order of ~40 members mostly string comparisons.
struct JSONObjectBuilder {
    private var members: [(key: String, value: JSON)]
    private var positions: [String: Int]

    init(_ object: JSONObject, capacity: Int = 48) {
        members = []
        members.reserveCapacity(max(capacity, object.count))
        positions = Dictionary(minimumCapacity: max(capacity, object.count))
        for member in object { self[member.key] = member.value }
    }

    subscript(key: String) -> JSON {
        get { positions[key].map { members[$0].value } ?? .null }
        set {
            if let position = positions[key] {
                members[position].value = newValue
            } else {
                positions[key] = members.count
                members.append((key: key, value: newValue))
            }
        }
    }

    var object: JSONObject { JSONObject(members) }
}
