using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// A received queue message while we hold it: renewing its invisibility changes its pop receipt, so renewals, the
/// final delete and a release are serialized here. A message another dispatcher took over (our receipt is stale) is
/// "lost": deleting it then does nothing, which is safe because everything it caused is idempotent.
/// </summary>
internal sealed class MessageLease
{
    private readonly QueueClient _queue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _popReceipt;
    private bool _done;

    public MessageLease(QueueClient queue, QueueMessage message)
    {
        _queue = queue;
        MessageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        DequeueCount = message.DequeueCount;
        Text = message.Body.ToString();
        try
        {
            Message = WorkMessage.Parse(Text);
        }
        catch (FormatException exception)
        {
            ParseError = exception.Message;
        }
    }

    public string MessageId { get; }

    public long DequeueCount { get; }

    public string Text { get; }

    /// <summary>The parsed message; null when <see cref="ParseError"/> says why not.</summary>
    public WorkMessage? Message { get; }

    public string? ParseError { get; }

    public async Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken) =>
        await UpdateAsync(visibility, finish: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Makes the message visible again after <paramref name="delay"/>, for another try.</summary>
    public async Task ReleaseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await UpdateAsync(delay, finish: true, cancellationToken).ConfigureAwait(false);

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            _done = true;
            await _queue.DeleteMessageAsync(MessageId, _popReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 400 or 404)
        {
            // Taken over by another dispatcher, or already gone.
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task UpdateAsync(TimeSpan visibility, bool finish, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            _done = finish;
            Response<UpdateReceipt> receipt = await _queue.UpdateMessageAsync(MessageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _popReceipt = receipt.Value.PopReceipt;
        }
        catch (RequestFailedException exception) when (exception.Status is 400 or 404)
        {
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
