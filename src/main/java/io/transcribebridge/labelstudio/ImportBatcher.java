package io.transcribebridge.labelstudio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Imports tasks in batches while keeping one exchange per object version: each exchange parks here (no thread
 * waits) until its batch is imported, then continues with its own task id, or with the batch's error so that its
 * own error handler retries it (and, being retried, it is looked up before it is posted again).
 * <p>
 * A batch is sent when it holds {@code maxSize} tasks or {@code maxBytes} of JSON, or {@code maxWait} after its first
 * task arrived, through the {@code labelstudio-import-batch} route. Label Studio rejects a whole request for one bad
 * task, so when a batch of several is rejected (4xx other than 401/429) each of its tasks is retried on its own and
 * only the bad one fails.
 */
public final class ImportBatcher extends AsyncProcessorSupport {

    public static final String TASK = "task";
    public static final String JOB_NAME = "jobName";
    public static final String MAY_EXIST = "importMayExist";
    public static final String RESULT = "importResult";
    public static final String FOUND = "foundExistingTask";
    /** Set on the exchanges of a rejected batch: their retry is imported alone. */
    public static final String ALONE = "importAlone";

    private static final int SENDERS = 4;

    /** Told about each import request (one batch, with its look-up if any): how long it took, and its error. */
    @FunctionalInterface
    public interface RequestListener {
        void requestDone(Duration took, Exception error);
    }

    private record Parked(Exchange exchange, AsyncCallback callback, ImportBatch.Item item) {
    }

    private final CamelContext context;
    private final String batchRoute;
    private final int maxSize;
    private final long maxBytes;
    private final Duration maxWait;
    private final RequestListener listener;
    private final Object lock = new Object();
    private List<Parked> pending = new ArrayList<>();
    private long pendingBytes;
    private ScheduledFuture<?> timer;
    private ScheduledExecutorService scheduler;
    /** A few threads send the batches (the HTTP client blocks); parked exchanges hold none. */
    private ExecutorService senders;
    private ProducerTemplate template;

    public ImportBatcher(CamelContext context, String batchRoute, int maxSize, long maxBytes, Duration maxWait) {
        this(context, batchRoute, maxSize, maxBytes, maxWait, (took, error) -> { });
    }

    public ImportBatcher(CamelContext context, String batchRoute, int maxSize, long maxBytes, Duration maxWait,
                         RequestListener listener) {
        this.listener = listener;
        this.context = context;
        this.batchRoute = batchRoute;
        this.maxSize = maxSize;
        this.maxBytes = maxBytes;
        this.maxWait = maxWait;
    }

    @Override
    protected void doStart() throws Exception {
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ImportBatcher");
        senders = context.getExecutorServiceManager().newFixedThreadPool(this, "ImportBatcher send", SENDERS);
        template = context.createProducerTemplate();
        ServiceHelper.startService(template);
    }

    @Override
    protected void doStop() throws Exception {
        flush();
        context.getExecutorServiceManager().shutdown(scheduler);
        context.getExecutorServiceManager().shutdownGraceful(senders);
        ServiceHelper.stopService(template);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String object = exchange.getProperty(TASK, String.class);
        ImportBatch.Item item = new ImportBatch.Item(exchange.getProperty(JOB_NAME, String.class), object,
                Boolean.TRUE.equals(exchange.getProperty(MAY_EXIST, Boolean.class)));
        Parked parked = new Parked(exchange, callback, item);
        if (Boolean.TRUE.equals(exchange.getProperty(ALONE, Boolean.class))) {
            send(List.of(parked));
            return false;
        }
        List<Parked> full = null;
        synchronized (lock) {
            pending.add(parked);
            pendingBytes += object.getBytes(StandardCharsets.UTF_8).length;
            if (pending.size() >= maxSize || pendingBytes >= maxBytes) {
                full = takePending();
            } else if (pending.size() == 1) {
                timer = scheduler.schedule(this::flush, maxWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (full != null) {
            send(full);
        }
        return false;
    }

    private List<Parked> takePending() {
        List<Parked> taken = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return taken;
    }

    private void flush() {
        List<Parked> taken;
        synchronized (lock) {
            taken = takePending();
        }
        if (!taken.isEmpty()) {
            send(taken);
        }
    }

    private void send(List<Parked> parked) {
        ImportBatch batch = new ImportBatch(parked.stream().map(Parked::item).toList());
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(batch);
        senders.execute(() -> {
            long started = System.nanoTime();
            Exchange done = template.send(batchRoute, exchange);
            listener.requestDone(Duration.ofNanos(System.nanoTime() - started), done.getException());
            complete(parked, batch, done.getException());
        });
    }

    private static void complete(List<Parked> parked, ImportBatch batch, Exception error) {
        boolean split = error != null && parked.size() > 1 && rejectedForItsContent(error);
        for (Parked one : parked) {
            Exchange exchange = one.exchange();
            try {
                if (error == null) {
                    exchange.setProperty(RESULT, batch.result(one.item().jobName()));
                    exchange.setProperty(FOUND, batch.foundExisting(one.item().jobName()));
                } else {
                    // the request may have been processed: look the task up before posting it again
                    exchange.setProperty(MAY_EXIST, true);
                    if (split) {
                        exchange.setProperty(ALONE, true);
                        exchange.setException(new BatchRejectedException(parked.size(), error));
                    } else {
                        exchange.setException(error);
                    }
                }
            } catch (RuntimeException e) {
                exchange.setException(e);
            }
            one.callback().done(false);
        }
    }

    private static boolean rejectedForItsContent(Exception error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 400 && status < 500 && status != 401 && status != 429;
            }
        }
        return false;
    }

    /** A batch of several was rejected: each of its tasks is retried alone, so only a bad one fails. */
    public static final class BatchRejectedException extends RuntimeException {
        public BatchRejectedException(int size, Throwable cause) {
            super("Label Studio rejected a batch of " + size + " tasks; importing each on its own", cause);
        }
    }
}
