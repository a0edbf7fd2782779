#include "storage/store.hpp"

namespace hortillon::storage {

StoreTransaction::StoreTransaction(std::unique_ptr<Backend> backend)
    : backend_(std::move(backend)) {}

StoreTransaction::~StoreTransaction() {
    rollback();
}

auto StoreTransaction::commit() -> StoreResult<void> {
    if (!backend_)
        return fail(StoreError::io, "commit of a transaction that is no longer open");
    auto committed = backend_->commit();
    backend_.reset();
    return committed;
}

void StoreTransaction::rollback() noexcept {
    if (backend_)
        backend_->rollback();
    backend_.reset();
}

}  // namespace hortillon::storage
