"""Fused recurrent ops: one op per layer call, the loop over steps forward and BPTT backward.

Speed trick (named): the tape records one node per layer call instead of about 16 per step,
and each step writes into preallocated arrays. The readable twin is each layer's ``step``,
a cell composed of tape ops; tests check that both give the same values and gradients.
"""
from kerasedu.ops.recurrent.gru import gru
from kerasedu.ops.recurrent.lstm import lstm
from kerasedu.ops.recurrent.simple_rnn import simple_rnn

__all__ = ["gru", "lstm", "simple_rnn"]
