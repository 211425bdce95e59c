"""Automatic differentiation and numerical integration, written out from scratch.

Used by the lecture notebook ``01b_autodiff_and_integrals``. Two small differentiation engines, one per
mode, and the classic quadrature rules:

Classes
-------
Value
    A scalar that remembers how it was computed. Arithmetic on ``Value`` objects builds a computational
    graph; :meth:`Value.backward` walks it in reverse topological order and fills every node's ``grad``
    (reverse mode, what ``torch.autograd`` does).
Dual
    A dual number ``a + b eps`` with ``eps**2 = 0``. Carrying ``b`` through a computation gives the
    directional derivative along the seeded direction in the same pass (forward mode).

Functions
---------
topological_order
    The nodes of a ``Value`` graph, every node after the nodes it depends on.
riemann_sum, trapezoid_rule, simpson_rule
    Deterministic quadrature on ``n`` equal sub-intervals (error O(1/n), O(1/n^2), O(1/n^4) for smooth
    integrands).
monte_carlo_integral
    Integral as the mean of ``f`` at uniform random points times the interval length (error O(1/sqrt(n))).
log_log_slope
    Slope of a straight-line fit of ``log(error)`` against ``log(step)``: the measured order of a method.

Both engines support ``+``, ``-``, ``*``, ``/``, ``**`` (by a constant number) and the methods
``exp``, ``log``, ``tanh`` and ``relu``, mixed freely with plain Python numbers.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "Dual",
    "Value",
    "log_log_slope",
    "monte_carlo_integral",
    "riemann_sum",
    "simpson_rule",
    "topological_order",
    "trapezoid_rule",
]


def _is_number(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


# --------------------------------------------------------------------------------------------------
# Reverse mode
# --------------------------------------------------------------------------------------------------


class _DerivedArithmetic:
    """Negation, subtraction and division written with ``+``, ``*`` and ``**``, for :class:`Value` and
    :class:`Dual` alike (each defines those three and ``_wrap``), so that both differentiate them by the
    same rules."""

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        return self * self._wrap(other) ** -1

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self


class Value(_DerivedArithmetic):
    """A scalar node of a computational graph, with reverse-mode differentiation.

    Parameters
    ----------
    data : float
        The value.
    parents : tuple of Value, optional
        The nodes this one was computed from (set by the operators, not by users).
    op : str, optional
        Name of the operation that produced the node (for display).

    Attributes
    ----------
    data : float
    grad : float
        ``d(output)/d(this node)`` after :meth:`backward` has been called on the output; 0 before.

    Examples
    --------
    >>> a, b = Value(2.0), Value(-3.0)
    >>> y = a * b + a.exp()
    >>> y.backward()
    >>> round(a.grad, 6), b.grad        # b + exp(a), a
    (4.389056, 2.0)
    """

    __slots__ = ("data", "grad", "_parents", "_local", "op")

    def __init__(self, data, parents: tuple = (), op: str = ""):
        if not _is_number(data):
            raise TypeError(f"data must be a real number, got {type(data).__name__}")
        self.data = float(data)
        self.grad = 0.0
        self._parents = tuple(parents)
        self._local: tuple = ()  # d(self)/d(parent) for each parent, filled by the operators
        self.op = op

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _wrap(other) -> Value:
        if isinstance(other, Value):
            return other
        if _is_number(other):
            return Value(other)
        raise TypeError(f"cannot combine a Value with {type(other).__name__}")

    def _node(self, data: float, parents: tuple, local: tuple, op: str) -> Value:
        out = Value(data, parents, op)
        out._local = local
        return out

    # binary operations: each records its local derivatives (the chain rule does the rest)
    def __add__(self, other) -> Value:
        other = self._wrap(other)
        return self._node(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other) -> Value:
        other = self._wrap(other)
        return self._node(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __pow__(self, exponent) -> Value:
        if not _is_number(exponent):
            raise TypeError(f"exponent must be a plain number, got {type(exponent).__name__}")
        if self.data == 0 and exponent < 1:
            raise ValueError(f"0 ** {exponent} has no derivative")
        data = self.data**exponent
        return self._node(data, (self,), (exponent * self.data ** (exponent - 1),), f"**{exponent}")

    __radd__ = __add__
    __rmul__ = __mul__

    # unary functions
    def exp(self) -> Value:
        e = math.exp(self.data)
        return self._node(e, (self,), (e,), "exp")

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive argument, got {self.data}")
        return self._node(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return self._node(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self) -> Value:
        pos = self.data > 0
        return self._node(self.data if pos else 0.0, (self,), (1.0 if pos else 0.0,), "relu")

    def backward(self) -> None:
        """Fill ``grad`` of every node this one depends on with ``d(self)/d(node)``.

        One sweep over the graph in reverse topological order: each node passes its ``grad`` times its
        local derivatives on to its parents, so a node shared by several paths gets the sum of them.
        Gradients are reset first, so calling ``backward`` twice gives the same result.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node._parents, node._local):
                parent.grad += node.grad * local


def topological_order(root: Value) -> list[Value]:
    """Nodes of the graph that ends in ``root``, each after all the nodes it was computed from.

    Parameters
    ----------
    root : Value

    Returns
    -------
    list of Value
        Every node reachable from ``root`` through its parents, exactly once; ``root`` is last.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order: list[Value] = []
    seen: set[int] = set()
    stack = [(root, False)]
    while stack:  # iterative depth-first search: deep graphs do not hit Python's recursion limit
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in node._parents if id(p) not in seen)
    return order


# --------------------------------------------------------------------------------------------------
# Forward mode
# --------------------------------------------------------------------------------------------------


class Dual(_DerivedArithmetic):
    """A dual number ``real + tangent * eps`` with ``eps**2 = 0``, for forward-mode differentiation.

    Since ``f(a + b eps) = f(a) + f'(a) b eps`` for any differentiable ``f``, evaluating a function on
    ``Dual(x, 1)`` returns ``f(x)`` in ``real`` and ``f'(x)`` in ``tangent``. With several inputs, seeding
    the tangents with a direction ``v`` gives the directional derivative (a Jacobian-vector product).

    Parameters
    ----------
    real : float
    tangent : float, default 0.0

    Attributes
    ----------
    n_ops : int (class attribute)
        Number of Dual operations performed since it was last set to 0: the cost of forward mode.

    Examples
    --------
    >>> y = (Dual(0.5, 1.0) ** 3).exp()
    >>> round(y.tangent, 6)                 # 3 x^2 exp(x^3) at x = 0.5
    0.849861
    """

    __slots__ = ("real", "tangent")
    n_ops = 0

    def __init__(self, real, tangent=0.0):
        if not _is_number(real):
            raise TypeError(f"real must be a real number, got {type(real).__name__}")
        if not _is_number(tangent):
            raise TypeError(f"tangent must be a real number, got {type(tangent).__name__}")
        self.real = float(real)
        self.tangent = float(tangent)

    def __repr__(self) -> str:
        return f"Dual({self.real:.6g}, {self.tangent:.6g})"

    @staticmethod
    def _wrap(other) -> Dual:
        if isinstance(other, Dual):
            return other
        if _is_number(other):
            return Dual(other)
        raise TypeError(f"cannot combine a Dual with {type(other).__name__}")

    @classmethod
    def _make(cls, real: float, tangent: float) -> Dual:
        cls.n_ops += 1
        return cls(real, tangent)

    def __add__(self, other) -> Dual:
        other = self._wrap(other)
        return self._make(self.real + other.real, self.tangent + other.tangent)

    def __mul__(self, other) -> Dual:
        other = self._wrap(other)
        return self._make(self.real * other.real, self.tangent * other.real + self.real * other.tangent)

    def __pow__(self, exponent) -> Dual:
        if not _is_number(exponent):
            raise TypeError(f"exponent must be a plain number, got {type(exponent).__name__}")
        if self.real == 0 and exponent < 1:
            raise ValueError(f"0 ** {exponent} has no derivative")
        return self._make(self.real**exponent, exponent * self.real ** (exponent - 1) * self.tangent)

    __radd__ = __add__
    __rmul__ = __mul__

    def exp(self) -> Dual:
        e = math.exp(self.real)
        return self._make(e, e * self.tangent)

    def log(self) -> Dual:
        if self.real <= 0:
            raise ValueError(f"log needs a positive argument, got {self.real}")
        return self._make(math.log(self.real), self.tangent / self.real)

    def tanh(self) -> Dual:
        t = math.tanh(self.real)
        return self._make(t, (1.0 - t * t) * self.tangent)

    def relu(self) -> Dual:
        pos = self.real > 0
        return self._make(self.real if pos else 0.0, self.tangent if pos else 0.0)


# --------------------------------------------------------------------------------------------------
# Integration
# --------------------------------------------------------------------------------------------------


def _check_interval(f, a, b, n, name_n: str = "n") -> tuple[float, float, int]:
    if not callable(f):
        raise TypeError(f"f must be a callable that works elementwise on arrays, got {type(f).__name__}")
    a = check_number(a, "a")
    b = check_number(b, "b")
    if not (math.isfinite(a) and math.isfinite(b)) or not a < b:
        raise ValueError(f"the interval must be finite with a < b, got a={a!r}, b={b!r}")
    n = check_int(n, name_n, minimum=1)
    return a, b, n


def _evaluate(f, x: np.ndarray) -> np.ndarray:
    y = np.asarray(f(x), dtype=float)
    if y.shape != x.shape:
        raise ValueError(f"f must return one value per point: got shape {y.shape} for {x.shape} points")
    return y


def riemann_sum(f: Callable, a: float, b: float, n: int, rule: str = "left") -> float:
    """Riemann sum of ``f`` over ``[a, b]`` with ``n`` equal sub-intervals.

    Parameters
    ----------
    f : callable
        Elementwise function of a float array of shape (n,).
    a, b : float
        Interval, ``a < b``.
    n : int
        Number of sub-intervals (>= 1).
    rule : {"left", "right", "midpoint"}
        Where each rectangle's height is taken. Left and right sums have error O(1/n), the midpoint
        sum O(1/n^2).

    Returns
    -------
    float
    """
    a, b, n = _check_interval(f, a, b, n)
    offsets = {"left": 0.0, "right": 1.0, "midpoint": 0.5}
    if rule not in offsets:
        raise ValueError(f"rule must be one of {sorted(offsets)}, got {rule!r}")
    h = (b - a) / n
    x = a + h * (np.arange(n) + offsets[rule])
    return float(h * np.sum(_evaluate(f, x)))


def trapezoid_rule(f: Callable, a: float, b: float, n: int) -> float:
    """Composite trapezoid rule, ``h * (f_0/2 + f_1 + ... + f_{n-1} + f_n/2)``; error O(1/n^2).

    Parameters and return value as in :func:`riemann_sum` (``n`` sub-intervals, ``n + 1`` points).
    Reference: ``scipy.integrate.trapezoid`` on the same grid.
    """
    a, b, n = _check_interval(f, a, b, n)
    x = np.linspace(a, b, n + 1)
    y = _evaluate(f, x)
    h = (b - a) / n
    return float(h * (np.sum(y) - 0.5 * (y[0] + y[-1])))


def simpson_rule(f: Callable, a: float, b: float, n: int) -> float:
    """Composite Simpson rule on ``n`` (even) sub-intervals; error O(1/n^4) for smooth ``f``.

    Each pair of sub-intervals is integrated by the parabola through its three points:
    ``h/3 * (f_0 + 4 f_1 + 2 f_2 + 4 f_3 + ... + 4 f_{n-1} + f_n)``.
    Reference: ``scipy.integrate.simpson`` on the same grid.

    Raises
    ------
    ValueError
        If ``n`` is odd.
    """
    a, b, n = _check_interval(f, a, b, n)
    if n % 2:
        raise ValueError(f"n must be even for Simpson's rule, got {n}")
    x = np.linspace(a, b, n + 1)
    y = _evaluate(f, x)
    h = (b - a) / n
    return float(h / 3 * (y[0] + y[-1] + 4 * np.sum(y[1:-1:2]) + 2 * np.sum(y[2:-1:2])))


def monte_carlo_integral(f: Callable, a: float, b: float, n: int, random_state=None) -> tuple[float, float]:
    """Monte Carlo estimate of the integral of ``f`` over ``[a, b]``, with its standard error.

    The integral equals ``(b - a) * E[f(U)]`` for ``U`` uniform on ``[a, b]``; the estimate replaces the
    expectation by the mean over ``n`` draws, so its standard error is ``(b - a) * std(f(U)) / sqrt(n)``.

    Parameters
    ----------
    f : callable
        Elementwise function of a float array of shape (n,).
    a, b : float
        Interval, ``a < b``.
    n : int
        Number of random points (>= 2).
    random_state : int, numpy.random.Generator or None
        Seed or generator for the uniform draws.

    Returns
    -------
    estimate : float
    standard_error : float
        Estimated from the same draws (sample standard deviation, ``ddof=1``).
    """
    a, b, n = _check_interval(f, a, b, n)
    if n < 2:
        raise ValueError(f"n must be at least 2 to estimate a standard error, got {n}")
    rng = np.random.default_rng(random_state)
    y = _evaluate(f, rng.uniform(a, b, size=n))
    return float((b - a) * y.mean()), float((b - a) * y.std(ddof=1) / math.sqrt(n))


def log_log_slope(steps, errors) -> float:
    """Slope of the least-squares line through ``(log10 step, log10 error)``.

    An error that behaves like ``C * step**p`` gives slope ``p``: the measured order of a method (use
    ``1/n`` or ``n`` as the step, whichever the plot shows).

    Parameters
    ----------
    steps : array_like of shape (k,)
        Positive step sizes (or sample sizes), k >= 2, not all equal.
    errors : array_like of shape (k,)
        Positive errors.

    Returns
    -------
    float
    """
    steps = np.asarray(check_array(steps, "steps", ndim=1), dtype=float)
    errors = np.asarray(check_array(errors, "errors", ndim=1), dtype=float)
    if steps.shape != errors.shape:
        raise ValueError(f"steps and errors must have the same length, got {steps.size} and {errors.size}")
    if steps.size < 2:
        raise ValueError(f"need at least 2 points to fit a slope, got {steps.size}")
    if np.any(steps <= 0) or np.any(errors <= 0):
        raise ValueError("steps and errors must be positive (their logarithms are fitted)")
    if np.ptp(steps) == 0:
        raise ValueError("steps must not all be equal")
    return float(np.polyfit(np.log10(steps), np.log10(errors), 1)[0])
