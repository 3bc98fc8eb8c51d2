"""Keras layers: ``from kerasedu.layers import Dense``."""
from kerasedu.layers.activation import Activation, ReLU, Softmax
from kerasedu.layers.bidirectional import Bidirectional
from kerasedu.layers.conv import Conv2D
from kerasedu.layers.conv1d import Conv1D
from kerasedu.layers.conv_transpose import Conv2DTranspose
from kerasedu.layers.dense import Dense
from kerasedu.layers.dropout import Dropout
from kerasedu.layers.embedding import Embedding
from kerasedu.layers.input_layer import Input, InputLayer
from kerasedu.layers.lambda_layer import Lambda
from kerasedu.layers.layer import Layer
from kerasedu.layers.merging import (Add, Average, Concatenate, Maximum, Minimum, Multiply, ScalarOp,
                                     Subtract, add, average, concatenate, maximum, minimum, multiply,
                                     subtract)
from kerasedu.layers.normalization import BatchNormalization
from kerasedu.layers.op_layer import OpLayer
from kerasedu.layers.pooling import (AveragePooling1D, AveragePooling2D, GlobalAveragePooling1D,
                                     GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                                     MaxPooling1D, MaxPooling2D)
from kerasedu.layers.recurrent import GRU, LSTM, SimpleRNN
from kerasedu.layers.reshaping import Flatten, Rescaling, Reshape
from kerasedu.layers.upsampling import UpSampling2D
