public import Foundation
public import KioskDomain

/// A guardian's (or a child's own) consent to one use of a child's data, as the core keeps it.
///
/// A consent is in force from the day it was given until it is withdrawn; withdrawing keeps the
/// record (with the withdrawal) as history. At most one consent per child and purpose is in force.
public struct ConsentRecord: Sendable, Hashable {
    /// Who gave the consent.
    public enum Giver: Sendable, Hashable {
        /// One of the child's caregivers, by caregiver id.
        case caregiver(String)
        /// The child, 16 or older on the day (where a person of that age decides for themselves).
        case child
    }

    /// How the consent was given.
    public enum Method: Sendable, Hashable {
        /// A signed paper form, seen by the recording worker.
        case signedPaper
        /// Said aloud, with a second worker (by worker id) as witness.
        case verbal(witnessWorkerID: String)
    }

    /// The end of a consent.
    public struct Withdrawal: Sendable, Hashable {
        /// The day it was withdrawn.
        public var date: CalendarDate
        /// Why, in the words of whoever withdrew it.
        public var reason: String
        /// The worker who recorded the withdrawal.
        public var recordedBy: String

        /// Creates a withdrawal.
        public init(date: CalendarDate, reason: String, recordedBy: String) {
            self.date = date
            self.reason = reason
            self.recordedBy = recordedBy
        }
    }

    /// The consent's id, e.g. `K7KQ2M9XH4T`.
    public var consentID: String
    /// The child.
    public var childID: String
    /// What it allows.
    public var purpose: ConsentPurpose
    /// Who gave it.
    public var givenBy: Giver
    /// How.
    public var method: Method
    /// The day it was given.
    public var givenOn: CalendarDate
    /// The worker who recorded it.
    public var recordedBy: String
    /// When it was recorded.
    public var recordedAt: Date
    /// Its withdrawal, if it was withdrawn.
    public var withdrawal: Withdrawal?

    /// Creates a record.
    public init(
        consentID: String,
        childID: String,
        purpose: ConsentPurpose,
        givenBy: Giver,
        method: Method,
        givenOn: CalendarDate,
        recordedBy: String,
        recordedAt: Date,
        withdrawal: Withdrawal? = nil
    ) {
        self.consentID = consentID
        self.childID = childID
        self.purpose = purpose
        self.givenBy = givenBy
        self.method = method
        self.givenOn = givenOn
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.withdrawal = withdrawal
    }

    /// Whether the consent is in force on `date`: given on or before it, and not withdrawn by then.
    public func isInForce(on date: CalendarDate) -> Bool {
        guard self.givenOn <= date else { return false }
        guard let withdrawal = self.withdrawal else { return true }
        return date < withdrawal.date
    }
}

/// A township or county worker's decision to let one submission through without the consent it
/// needs, because the child is at risk. Listed for county review until a county officer reviews it.
public struct UrgentOverride: Sendable, Hashable {
    /// The override's id, e.g. `O7KQ2M9XH4T`.
    public var overrideID: String
    /// The child.
    public var childID: String
    /// The consent it stands in for.
    public var purpose: ConsentPurpose
    /// Why the child cannot wait (required).
    public var reason: String
    /// The worker who recorded it.
    public var recordedBy: String
    /// When.
    public var recordedAt: Date
    /// Until when it may be used.
    public var validUntil: Date
    /// The application it let through, once used (an override is good for one submission).
    public var usedByApplicationID: String?
    /// The county officer who reviewed it, once reviewed.
    public var reviewedBy: String?
    /// When it was reviewed.
    public var reviewedAt: Date?
    /// The reviewer's note.
    public var reviewNote: String?

    /// Creates a value.
    public init(
        overrideID: String,
        childID: String,
        purpose: ConsentPurpose,
        reason: String,
        recordedBy: String,
        recordedAt: Date,
        validUntil: Date,
        usedByApplicationID: String? = nil,
        reviewedBy: String? = nil,
        reviewedAt: Date? = nil,
        reviewNote: String? = nil
    ) {
        self.overrideID = overrideID
        self.childID = childID
        self.purpose = purpose
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.validUntil = validUntil
        self.usedByApplicationID = usedByApplicationID
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.reviewNote = reviewNote
    }
}
