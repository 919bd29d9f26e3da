"""A toy widget toolkit with a deep class hierarchy.

Every override reaches its parent with the explicit two-argument form
``super(ClassName, self).method(...)``.  The workload builds a few
thousand widgets and asks each for its size, cost and description, so
most of the time goes into walking those super() chains.
"""


class Widget(object):
    def __init__(self, name, x, y):
        self.name = name
        self.x = x
        self.y = y

    def size(self):
        return (1, 1)

    def cost(self):
        return 1

    def describe(self, parts):
        parts.append(self.name)
        return parts

    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self


class Box(Widget):
    def __init__(self, name, x, y, width, height):
        super(Box, self).__init__(name, x, y)
        self.width = width
        self.height = height

    def size(self):
        w, h = super(Box, self).size()
        return (max(w, self.width), max(h, self.height))

    def cost(self):
        return super(Box, self).cost() + self.width * self.height // 16

    def describe(self, parts):
        super(Box, self).describe(parts)
        parts.append('box')
        return parts


class Bordered(Box):
    def __init__(self, name, x, y, width, height, border):
        super(Bordered, self).__init__(name, x, y, width, height)
        self.border = border

    def size(self):
        w, h = super(Bordered, self).size()
        return (w + 2 * self.border, h + 2 * self.border)

    def cost(self):
        return super(Bordered, self).cost() + 2 * self.border

    def describe(self, parts):
        super(Bordered, self).describe(parts)
        parts.append('border')
        return parts


class Padded(Bordered):
    def __init__(self, name, x, y, width, height, border, padding):
        super(Padded, self).__init__(name, x, y, width, height, border)
        self.padding = padding

    def size(self):
        w, h = super(Padded, self).size()
        return (w + 2 * self.padding, h + 2 * self.padding)

    def cost(self):
        return super(Padded, self).cost() + self.padding

    def describe(self, parts):
        super(Padded, self).describe(parts)
        parts.append('pad')
        return parts


class Label(Padded):
    def __init__(self, name, x, y, width, height, border, padding, text):
        super(Label, self).__init__(name, x, y, width, height, border, padding)
        self.text = text

    def size(self):
        w, h = super(Label, self).size()
        return (max(w, len(self.text) + 2 * self.padding), h)

    def cost(self):
        return super(Label, self).cost() + len(self.text)

    def describe(self, parts):
        super(Label, self).describe(parts)
        parts.append('label')
        return parts


class Button(Label):
    def __init__(self, name, x, y, width, height, border, padding, text, action):
        super(Button, self).__init__(name, x, y, width, height, border, padding, text)
        self.action = action
        self.clicks = 0

    def click(self):
        self.clicks += 1
        return self.action

    def cost(self):
        return super(Button, self).cost() + 3

    def describe(self, parts):
        super(Button, self).describe(parts)
        parts.append('button')
        return parts


class IconButton(Button):
    def __init__(self, name, x, y, width, height, border, padding, text, action, icon):
        super(IconButton, self).__init__(name, x, y, width, height, border, padding,
                                         text, action)
        self.icon = icon

    def size(self):
        w, h = super(IconButton, self).size()
        return (w + 4, max(h, 4))

    def cost(self):
        return super(IconButton, self).cost() + len(self.icon)

    def describe(self, parts):
        super(IconButton, self).describe(parts)
        parts.append('icon')
        return parts


class ToggleButton(IconButton):
    def __init__(self, name, x, y, width, height, border, padding, text, action, icon):
        super(ToggleButton, self).__init__(name, x, y, width, height, border, padding,
                                           text, action, icon)
        self.on = False

    def click(self):
        self.on = not self.on
        return super(ToggleButton, self).click()

    def cost(self):
        return super(ToggleButton, self).cost() + 1

    def describe(self, parts):
        super(ToggleButton, self).describe(parts)
        parts.append(self.on and 'on' or 'off')
        return parts


KINDS = [Box, Bordered, Padded, Label, Button, IconButton, ToggleButton]


def make_widget(kind, i):
    name = 'w%d' % i
    x = i % 37
    y = i % 23
    width = 4 + i % 9
    height = 2 + i % 5
    if kind is Box:
        return Box(name, x, y, width, height)
    if kind is Bordered:
        return Bordered(name, x, y, width, height, 1 + i % 2)
    if kind is Padded:
        return Padded(name, x, y, width, height, 1, i % 3)
    if kind is Label:
        return Label(name, x, y, width, height, 1, 1, 'label %d' % i)
    if kind is Button:
        return Button(name, x, y, width, height, 1, 2, 'OK', 'submit')
    if kind is IconButton:
        return IconButton(name, x, y, width, height, 2, 1, 'Save', 'save', 'disk')
    return ToggleButton(name, x, y, width, height, 1, 1, 'Bold', 'bold', 'B')


def bench_widgets(count):
    widgets = []
    for i in range(count):
        widgets.append(make_widget(KINDS[i % len(KINDS)], i))
    area = 0
    cost = 0
    words = 0
    clicks = 0
    for w in widgets:
        width, height = w.size()
        area += width * height
        cost += w.cost()
        if isinstance(w, Button):
            if w.click() is not None:
                clicks += 1
        words += len(w.describe([]))
        w.move(1, -1)
        width, height = w.size()
        area += width
    return len(widgets), area, cost, words, clicks
