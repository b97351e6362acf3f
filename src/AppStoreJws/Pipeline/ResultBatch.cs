namespace AppStoreJws.Pipeline
{
    /// <summary>
    /// The outcomes of one input that stands for several (a JSON array of requests): each is a result or the
    /// exception of its own element, emitted in order, so one bad element does not lose the others.
    /// </summary>
    internal sealed class ResultBatch
    {
        public List<object> Outcomes { get; } = new List<object>();
    }
}
