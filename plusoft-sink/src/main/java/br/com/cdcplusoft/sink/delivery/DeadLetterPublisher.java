package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.converter.Entry;

/** Publishes one record to its dead-letter topic and returns once the broker has it. */
@FunctionalInterface
public interface DeadLetterPublisher {

    /** @throws RuntimeException when the dead letter could not be written: the record must then be consumed again */
    void publish(Entry entry, DeliveryFailure failure);
}
