namespace SglangCi.Toolkit.History.Pd;

/// <summary>
/// A PD step's status as <c>test_summary.txt</c> prints it. The file is rewritten after every step, so
/// <see cref="Pending"/> means the run never reached the step (setup failed or the run was killed), not "in progress".
/// </summary>
public enum PdTestStatus
{
    Pass,
    Fail,
    Pending,
}
