package io.sluice.delivery.catalog;

import io.sluice.common.http.CallRef;
import io.sluice.delivery.api.ControlRequest;

/** A control call on its way to the account's registry: the call, when it arrived, and its request. */
public record RegistryCommand(CallRef ref, long receivedAtMillis, ControlRequest request) {}
