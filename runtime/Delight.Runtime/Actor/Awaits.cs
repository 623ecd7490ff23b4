namespace Delight.Runtime.Actor;

/// <summary>
/// <c>Task.WhenAll</c> made of plain awaits. Under Coyote the task <c>WhenAll</c> returns is not controlled, which
/// makes bug traces stop replaying; awaiting each task in turn waits for the same set and stays under the
/// scheduler. The first failure (in argument order) is rethrown once every task has finished.
/// </summary>
public static class Awaits
{
    public static async Task AllAsync(IEnumerable<Task> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Exception? first = null;
        foreach (var task in tasks.ToList())
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    public static Task AllAsync(params Task[] tasks) => AllAsync((IEnumerable<Task>)tasks);

    public static async Task<T[]> AllAsync<T>(params Task<T>[] tasks)
    {
        await AllAsync((IEnumerable<Task>)tasks).ConfigureAwait(false);
        return [.. tasks.Select(t => t.Result)];
    }
}
