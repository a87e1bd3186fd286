import Store
import Web

// MARK: - The buyer's view of a recurring order

extension RecurringOrder {
    var jsonObject: JSONObject {
        var object: JSONObject = ["id": .string(id), "lines": .array(lines.map(\.json))]
        if case .object(let options) = options.json { for member in options { object[member.key] = member.value } }
        object["every"] = .string(every.iso)
        object["next_run"] = .string(nextRun)
        object["created_by"] = .string(createdBy)
        object["created_at"] = .string(createdAt)
        object["updated_at"] = .string(updatedAt)
        return object
    }

    /// `GET /v1/buyer/recurring-orders/{id}`: the schedule and its most recent runs, newest first.
    public func detailJSON(_ db: Connection, runLimit: Int = 100) throws -> JSON {
        var object = jsonObject
        object["runs"] = .array(try RecurringOrderRun.list(db, recurringOrderID: id, limit: runLimit).map(\.json))
        return .object(object)
    }

    public var json: JSON { .object(jsonObject) }
}
