#if canImport(Glibc)
import Glibc
#endif

/// A lock and condition variable pair (pthread), for the few places that must wait.
public final class Condition: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var cond = pthread_cond_t()

    public init() {
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(&cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(&cond)
        pthread_mutex_destroy(&mutex)
    }

    public func lock() { pthread_mutex_lock(&mutex) }
    public func unlock() { pthread_mutex_unlock(&mutex) }
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
    public func broadcast() { pthread_cond_broadcast(&cond) }
    /// Waits (lock held) until signalled or until `deadline` on the monotonic clock; false on time-out.
    @discardableResult
    public func wait(until deadline: Double? = nil) -> Bool {
        guard let deadline else {
            pthread_cond_wait(&cond, &mutex)
            return true
        }
        var ts = timespec()
        ts.tv_sec = Int(deadline)
        ts.tv_nsec = Int((deadline - Double(Int(deadline))) * 1e9)
        return pthread_cond_timedwait(&cond, &mutex, &ts) == 0
    }
}

/// Set by an interrupt (SIGINT or interrupt_request); checked by running code at safe points.
public final class CancellationToken: @unchecked Sendable {
    private let condition = Condition()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool { condition.withLock { cancelled } }

    public func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
    }

    /// Throws `ExecutionInterrupted` if cancelled: the check that long work calls between steps.
    public func check() throws {
        if isCancelled { throw ExecutionInterrupted() }
    }

    /// Sleeps up to `seconds`, waking at once when cancelled. Returns false if cancelled.
    @discardableResult
    public func sleep(seconds: Double) -> Bool {
        let deadline = Timestamps.monotonicSeconds() + max(0, seconds)
        return condition.withLock {
            while !cancelled {
                if Timestamps.monotonicSeconds() >= deadline { return true }
                condition.wait(until: deadline)
            }
            return false
        }
    }
}

/// Thrown by running code when its cancellation token was set.
public struct ExecutionInterrupted: Error, Equatable {
    public init() {}
}
