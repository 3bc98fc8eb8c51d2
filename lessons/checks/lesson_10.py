"""Checks for lesson 10, text classification on IMDB: padding, encoding a sentence, a masked model.

    from checks import lesson_10 as check
    check.exercise_1(padded, short_reviews)
"""
from __future__ import annotations

import numpy as np

from checks import describe as _describe, safely, verdict


def _pad(sequences, maxlen, padding, truncating):
    """pad_sequences written out, independently of the library."""
    out = np.zeros((len(sequences), maxlen), dtype=np.int64)
    for i, seq in enumerate(sequences):
        kept = list(seq[-maxlen:]) if truncating == "pre" else list(seq[:maxlen])
        if padding == "post":
            out[i, :len(kept)] = kept
        else:
            out[i, maxlen - len(kept):] = kept
    return out


def exercise_1(padded, sequences) -> None:
    """Length 5, zeros at the end, long reviews keep their first 5 ids."""
    def check():
        mine = np.asarray(padded)
        if mine.shape != (len(sequences), 5):
            return verdict(False, "", f"the result has shape {mine.shape}; with {len(sequences)} "
                                      f"reviews of length 5 it should be ({len(sequences)}, 5): "
                                      "maxlen=5.")
        if np.array_equal(mine, _pad(sequences, 5, "post", "post")):
            return verdict(True, "zeros at the end (padding=\"post\"), and the long review keeps "
                                 "its first 5 ids (truncating=\"post\").", "")
        wrong = []
        for padding in ("pre", "post"):
            for truncating in ("pre", "post"):
                if np.array_equal(mine, _pad(sequences, 5, padding, truncating)):
                    if padding == "pre":
                        wrong.append("The zeros are at the start: padding=\"post\" puts them at "
                                     "the end.")
                    if truncating == "pre":
                        wrong.append("The long review lost its start (the default, "
                                     "truncating=\"pre\", keeps the last ids): "
                                     "truncating=\"post\" keeps the first 5.")
        hint = " ".join(wrong) or ("Use keras.utils.pad_sequences(short_reviews, maxlen=5, "
                                   "padding=..., truncating=...).")
        return verdict(False, "", hint)
    safely(check, "padded should be the array that pad_sequences returns.")


def exercise_2(encode, word_index, num_words=10_000) -> None:
    """encode(text) -> [1] + (rank + 3, or 2 when unknown or rare) for each lower-cased word."""
    def expected(text, lower=True):
        ids = [1]
        for word in (text.lower() if lower else text).split():
            rank = word_index.get(word)
            ids.append(rank + 3 if rank is not None and rank + 3 < num_words else 2)
        return ids

    def check():
        if not callable(encode):
            return verdict(False, "", "encode should be a function: def encode(text): ...")
        sentences = ["this movie was great", "What a WONDERFUL film",
                     "an utterly qwzxvy movie", "the hero retains his edged charm"]
        for text in sentences:
            want = expected(text)
            try:
                got = [int(i) for i in encode(text)]
            except KeyError as error:
                return verdict(False, "", f"encode({text!r}) raised KeyError {error}: a word that "
                                          "is not in word_index. Use word_index.get(word) and give "
                                          "such words the id 2.")
            if got == want:
                continue
            show = f"encode({text!r}) gave {got}, expected {want}"
            if got == want[1:]:
                hint = "Every review starts with the start id 1."
            elif len(got) == len(want) and got[1:] == [w - 3 if w != 2 else 2 for w in want[1:]]:
                hint = "The ids in the data are the ranks of word_index + 3 (index_from=3)."
            elif text != text.lower() and got == expected(text, lower=False):
                hint = "word_index holds lower-case words: text.lower() first."
            elif "retains" in text:
                hint = (f"'retains' has rank {word_index['retains']}, so id "
                        f"{word_index['retains'] + 3}: with num_words={num_words} only ids below "
                        f"{num_words} exist, and the others become 2 (out of vocabulary). "
                        f"'edged' (id {word_index['edged'] + 3}) just fits.")
            elif "qwzxvy" in text:
                hint = "A word that is not in word_index gets the id 2."
            else:
                hint = "[1] + [rank + 3 for each word], with 2 for unknown or rare words."
            return verdict(False, "", f"{show}. {hint}")
        return verdict(True, "start id 1, rank + 3 for each known word, 2 for unknown words and "
                             f"for words whose id would be {num_words} or more.", "")
    safely(check, "encode(text) should return a list of integer ids.")


def exercise_3(model, x_val, y_val) -> None:
    """Embedding(10000, 8, mask_zero=True), GAP1D, Dense(8, relu), Dense(1, sigmoid); trained."""
    def check():
        import kerasedu as keras
        described = [_describe(layer) for layer in model.layers]
        wanted = ["Embedding(10000, 8, mask_zero=True)", "GlobalAveragePooling1D",
                  "Dense(8, relu)", "Dense(1, sigmoid)"]
        if described != wanted:
            return verdict(False, "", f"your layers are {described}; the exercise asks for "
                                      f"{wanted}.")
        if not getattr(model, "compiled", False):
            return verdict(False, "", "compile the model, then train it with fit.")
        loss = model.loss if isinstance(model.loss, str) else (
            getattr(model.loss, "name", None) or getattr(model.loss, "__name__", ""))
        if loss.lower().replace("_", "") != "binarycrossentropy":
            return verdict(False, "", f"the loss is {model.loss!r}; a yes/no answer from a "
                                      "sigmoid wants loss=\"binary_crossentropy\".")
        review = [int(i) for i in np.asarray(x_val[0]) if i != 0][:50]
        short = keras.utils.pad_sequences([review], maxlen=60, padding="post")
        long = keras.utils.pad_sequences([review], maxlen=400, padding="post")
        p_short = float(model.predict(short, verbose=0)[0, 0])
        p_long = float(model.predict(long, verbose=0)[0, 0])
        if abs(p_short - p_long) > 1e-5:
            return verdict(False, "", f"the same review gives {p_short:.4f} with 10 padding zeros "
                                      f"and {p_long:.4f} with 350: the padding still counts. Is "
                                      "mask_zero=True on the Embedding?")
        probabilities = model.predict(x_val, verbose=0).reshape(-1)
        accuracy = float(np.mean((probabilities > 0.5) == (np.asarray(y_val).reshape(-1) == 1)))
        return verdict(accuracy >= 0.75,
                       f"validation accuracy {accuracy:.2f}, and the padding no longer changes "
                       "the answer.",
                       f"the layers are right but the validation accuracy is {accuracy:.2f}; "
                       "train it (fit on x_train, y_train) for 4 epochs with batch_size=128.")
    safely(check, "pass the trained model, x_val and y_val.")
