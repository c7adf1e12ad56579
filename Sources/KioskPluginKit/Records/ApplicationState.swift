/// The states of an application in the shared workflow.
public enum ApplicationState: String, Sendable, Hashable, CaseIterable {
    case submitted
    case townshipReview = "township-review"
    case countyReview = "county-review"
    case approved, rejected, active, closed, withdrawn, returned, suspended
}

/// What can be done to an application.
public enum ApplicationAction: String, Sendable, Hashable, CaseIterable {
    case submit
    case beginReview = "begin-review"
    case forward, approve, reject, activate, close, withdraw
    case returnForInformation = "return-for-information"
    case resubmit, appeal, suspend, resume
}
